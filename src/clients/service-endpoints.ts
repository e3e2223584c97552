import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { StepName } from '../pipeline/steps';
import type { ServiceStep } from '../pipeline/steps/step-definition';

/**
 * Resolves each step's service URL: the configured one, or the embedded service on this
 * very server, whose address is only known once it listens (tests listen on port 0).
 */
@Injectable()
export class ServiceEndpoints {
  private selfBaseUrl: string;

  constructor(private readonly config: AppConfig) {
    this.selfBaseUrl = `http://127.0.0.1:${config.port}`;
  }

  /** Called by the bootstrap once the server listens. */
  setSelfBaseUrl(url: string): void {
    this.selfBaseUrl = url.replace(/\/$/, '');
  }

  urlFor(step: Pick<ServiceStep<StepName>, 'name' | 'service'>): string {
    const configured = this.config.serviceUrls[step.name];
    if (configured !== undefined) return configured;
    // AppConfig refuses to start without the URL of a service that has no embedded one.
    if (step.service.embeddedPath === undefined)
      throw new Error(`${step.name} has neither a service URL nor an embedded service`);
    return `${this.selfBaseUrl}${step.service.embeddedPath}`;
  }
}

import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { STEP_LIST, StepName } from '../pipeline/steps';
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

  /**
   * The start-up check that every step calling a service can reach one: its configured URL,
   * or its embedded service mounted on this server (`served` says whether a POST route
   * exists). Throws, naming the step and its variable, when one cannot.
   */
  checkEveryServiceReachable(served: (path: string) => boolean): void {
    const problems: string[] = [];
    for (const step of STEP_LIST) {
      if (!step.service || this.config.serviceUrls[step.name] !== undefined) continue;
      const path = step.service.embeddedPath;
      if (path === undefined || !served(path))
        problems.push(
          `${step.name} calls ${step.service.name}, but ${step.envPrefix}_URL is unset and ${path ? `its embedded service ${path} is not mounted` : 'it has no embedded service'}`,
        );
    }
    if (problems.length > 0)
      throw new Error(`Steps without a service to call: ${problems.join('; ')}`);
  }
}

import { Injectable } from '@nestjs/common';
import { AppConfig, StepName } from '../config/app-config';

/** Where each embedded reference service is mounted on this server. */
export const EMBEDDED_PATHS: Record<StepName, string> = {
  parse_prompt: '/reference/prompt-parser/parse',
  analyze_style: '/reference/style-analysis/analyze',
  generate_sound: '/reference/sound-generation/generate',
  mix_master: '/reference/mixing-mastering/process',
};

/**
 * Resolves each service's URL: the configured one, or the embedded service on this very
 * server, whose address is only known once it listens (tests listen on port 0).
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

  urlFor(step: StepName): string {
    return this.config.serviceUrls[step] ?? `${this.selfBaseUrl}${EMBEDDED_PATHS[step]}`;
  }

  get usesEmbeddedServices(): boolean {
    return Object.values(this.config.serviceUrls).some((url) => url === undefined);
  }
}

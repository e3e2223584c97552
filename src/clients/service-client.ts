import { Injectable } from '@nestjs/common';
import type { ServiceStep, StepService } from '../pipeline/steps/step-definition';
import type { StepName } from '../pipeline/steps';
import { HttpTransport } from './http-transport';
import { ServiceEndpoints } from './service-endpoints';

/**
 * The client of every step's service: the step declares its service (name, embedded
 * route) and the shape of its answers; the URL comes from the configuration or the embedded
 * service, and the shared transport does timeouts, signals, `Idempotency-Key` and the
 * mapping of failures to typed errors named after the service.
 */
@Injectable()
export class ServiceClients {
  constructor(
    private readonly transport: HttpTransport,
    private readonly endpoints: ServiceEndpoints,
  ) {}

  for<O>(step: ServiceStep<StepName, unknown, O>): StepService<O> {
    const service = step.service.name;
    return {
      postJson: (body, options) =>
        this.transport.postJson(service, this.endpoints.urlFor(step), body, step.validate, options),
      postFile: (file, options) =>
        this.transport.postFile(service, this.endpoints.urlFor(step), file, step.validate, options),
    };
  }
}

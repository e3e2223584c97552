import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { DocumentBuilder, OpenAPIObject } from '@nestjs/swagger';
import { IS_PUBLIC } from './public.decorator';

/** Names of the security schemes in the OpenAPI document. */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const KEY_DESCRIPTION =
  'An API key from `npm run apikey:create -- --name NAME [--admin]`. Needed on every route but health and docs once a key exists; without any key the server accepts loopback clients only.';

/** Operation ids as the document names them: `Controller_method`, set explicitly so both ends agree. */
export function operationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey}_${methodKey}`;
}

/** The two ways to send a key, so Swagger UI's "Authorize" can send either. */
export function addKeySchemes(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API key',
        description: `\`Authorization: Bearer <key>\`. ${KEY_DESCRIPTION}`,
      },
      BEARER_SCHEME,
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: KEY_DESCRIPTION },
      API_KEY_SCHEME,
    );
}

/**
 * Marks every operation behind the key guard (all but `@Public()` ones) as needing a key,
 * with its 401, from the same metadata the guard reads; an operation that declares its own
 * security is left as it is.
 */
export function documentKeyRequirement(
  document: OpenAPIObject,
  app: INestApplicationContext,
): OpenAPIObject {
  const open = publicOperationIds(app);
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation || operation.security || open.has(operation.operationId ?? '')) continue;
      operation.security = [{ [BEARER_SCHEME]: [] }, { [API_KEY_SCHEME]: [] }];
      operation.responses['401'] ??= {
        description:
          'No API key, an unknown or revoked one, or (on a server without keys) a client that is not on loopback or comes through a proxy.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/ErrorResponseDto' },
            example: { detail: 'API key required: send Authorization: Bearer <key> or X-API-Key' },
          },
        },
      };
    }
  }
  return document;
}

function publicOperationIds(app: INestApplicationContext): Set<string> {
  const reflector = app.get(Reflector);
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]))
          ids.add(operationId(controller.name, name));
      }
    }
  }
  return ids;
}

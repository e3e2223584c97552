import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** Who is calling: the API key's name, and whether it may see every job. */
export interface Principal {
  name: string;
  isAdmin: boolean;
}

/** Without configured keys only loopback clients get in, and they act as this admin. */
export const LOCAL_PRINCIPAL: Principal = { name: 'anonymous', isAdmin: true };

/** The owner filter for queries: undefined for admins (every job), the key's name otherwise. */
export function ownerScope(principal: Principal): string | undefined {
  return principal.isAdmin ? undefined : principal.name;
}

/** Injects the authenticated principal set on the request by the auth guard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal?: Principal }>().principal ?? LOCAL_PRINCIPAL,
);

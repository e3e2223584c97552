import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from './api-key.guard';
import { LOCAL_PRINCIPAL } from './principal';

/**
 * Lets admin keys through, after the global key guard has authenticated the request (so a
 * missing key is still 401). Without keys, the loopback caller is the local admin.
 */
@Injectable()
export class AdminOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal =
      context.switchToHttp().getRequest<AuthenticatedRequest>().principal ?? LOCAL_PRINCIPAL;
    if (!principal.isAdmin)
      throw new ForbiddenException({ detail: 'This route needs an admin API key' });
    return true;
  }
}

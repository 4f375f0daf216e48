import { Authorized, type AuthChecker } from 'type-graphql';
import { ACCESS, callerMeets, type Access } from '../common/caller';
import type { RequestContext } from '../common/request-context';
import { forbidden, unauthenticated } from '../common/user-facing-error';

/** Operations anyone may call (only `login`). Recorded so the schema walk can tell them apart. */
export const PUBLIC_OPERATIONS = new Set<string>();

/** Declares who may call a query or mutation; every operation must have this or @Public. */
export function Allow(...access: Access[]): MethodDecorator & PropertyDecorator {
  return Authorized(...access);
}

export function Public(): MethodDecorator {
  return (_target, propertyKey) => {
    PUBLIC_OPERATIONS.add(String(propertyKey));
  };
}

export const authChecker: AuthChecker<RequestContext, Access> = ({ context }, roles) => {
  if (!context.caller) throw unauthenticated();
  if (!callerMeets(context.caller, roles.length ? roles : [ACCESS.USER])) throw forbidden();
  return true;
};

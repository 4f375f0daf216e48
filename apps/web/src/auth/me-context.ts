import { createContext, useContext } from 'react';
import type { MeQuery } from '../gql/graphql';

export type Me = MeQuery['me'] & { user: NonNullable<MeQuery['me']['user']> };

export const MeContext = createContext<Me | null>(null);

/** The logged-in user and company; only inside the signed-in shell. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the signed-in shell');
  return me;
}

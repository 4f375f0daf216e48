/** Time as the dispatcher sees it (for closing idle pools); tests inject a clock they move by hand. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

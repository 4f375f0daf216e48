// Bounces: reading delivery status notifications (RFC 3464) and the common notices in words.
export { readBounce } from './read-bounce';
export type { ReadBounceOptions } from './read-bounce';
export type { BounceReading, BounceReport, BounceSkipReason, BouncedRecipient } from './bounce-report';

export { buildSmsEnvelope, type GatewayMessage, type SmsEnvelope, type SmsEnvelopeInput, type SmsEnvelopeResult } from './sms-envelope';

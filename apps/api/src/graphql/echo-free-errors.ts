/**
 * graphql-js repeats a value it could not use in its error ("String cannot represent a non string
 * value: 123456789"): a password sent as a number would come back in the answer, and into whatever
 * logs answers. These rewrites keep what is wrong and where, and drop the value itself.
 */

/** Reasons graphql-js gives after "Variable "$x" got invalid value …; ", each with what to keep. */
const REASONS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/; (\w+) cannot represent [\s\S]*$/, (m) => `expected ${m[1]}`],
  [/; Value [\s\S]* does not exist in "(\w+)" enum\.[\s\S]*$/, (m) => `not a value of enum ${m[1]}`],
  [/; (Field "\w+" is not defined by type "\w+"\.)[\s\S]*$/, (m) => (m[1] as string).replace(/\.$/, '')],
  [/; (Field "\w+" of required type "[^"]+" was not provided\.)$/, (m) => (m[1] as string).replace(/\.$/, '')],
  [/; (Expected type "[^"]+" to be an object\.)$/, (m) => (m[1] as string).replace(/\.$/, '')],
  [/; (Expected non-nullable type "[^"]+" not to be null\.)$/, (m) => (m[1] as string).replace(/\.$/, '')],
];

/** The same message without any value the caller sent. */
export function withoutEchoedValues(message: string): string {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(message);
  if (variable) {
    for (const [pattern, keep] of REASONS) {
      const reason = pattern.exec(message);
      if (!reason) continue;
      const before = message.slice(0, reason.index);
      const at = / at "([\w.]+)"$/.exec(before)?.[1];
      return `Variable "$${variable[1]}" got an invalid value${at ? ` at "${at}"` : ''}: ${keep(reason)}.`;
    }
    return `Variable "$${variable[1]}" got an invalid value.`;
  }
  return (
    message
      // "String cannot represent a non string value: 123" (a literal in the document)
      .replace(/^(\w+ cannot represent [^:]*value): [\s\S]*$/, '$1.')
      // 'Value "SALAINEN" does not exist in "SmtpEncryption" enum.'
      .replace(/^Value [\s\S]* does not exist in ("\w+" enum\.)/, 'The value does not exist in $1')
      // 'Expected value of type "Int!", found "abc"; reason'
      .replace(/^(Expected value of type "[^"]+"), found [\s\S]*$/, '$1.')
  );
}

/** Field suggestions ("Did you mean …?") tell an anonymous caller what the schema holds. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

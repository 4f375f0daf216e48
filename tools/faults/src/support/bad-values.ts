import fc from 'fast-check';

/**
 * Generators of values that are wrong for a field, each in a way the API must refuse. Small on
 * purpose: a few hundred runs should touch every kind of mistake, not every string.
 */

const LINE_BREAKS = ['\r\n', '\n', '\r', '\r\nBcc: pahis@pahis.example', '\nX-Injected: 1', '\r\n\r\n<html>', '%0d%0a\r\n'];

/** Text with a CR or LF somewhere: header injection in a single-line field. */
export const withLineBreak = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...LINE_BREAKS), fc.string({ maxLength: 20 }))
  .map(([before, linebreak, after]) => `${before}${linebreak}${after}`);

/** Text longer than `max` characters, counted as the validation counts them: in code points (an emoji is one). */
export const longerThan = (max: number) =>
  fc.tuple(fc.integer({ min: max + 1, max: max * 3 + 10 }), fc.constantFrom('x', 'ä', '😀', 'a b')).map(([n, unit]) => unit.repeat(Math.ceil(n / [...unit].length)));

/** Text of more than `maxBytes` bytes of UTF-8 (what a TEXT column holds). */
export const moreBytesThan = (maxBytes: number) =>
  fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom(['x', 1], ['ä', 2], ['€', 3], ['😀', 4]) as fc.Arbitrary<[string, number]>).map(
    ([extra, [unit, bytes]]) => unit.repeat(Math.floor(maxBytes / bytes) + extra),
  );

/** Non-blank text that is not an e-mail address at all. */
export const notAnAddress = fc.oneof(
  fc.constantFrom('matti.yritys.fi', 'a@@b.fi', '@yritys.fi', 'matti@', 'matti@yritys', 'matti@yri tys.fi', '"avoin@yritys.fi', 'm@y.fi>', '<>', '...@...'),
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => `x${s.replace(/@/g, '')}`),
);

/** A recipient list with at least one piece that is not an address. */
export const badAddressList = fc
  .tuple(fc.array(fc.constantFrom('ok@yritys.fi', 'Matti <m@y.fi>', '"Virtanen, Matti" <matti@asiakas.example>'), { maxLength: 3 }), notAnAddress, fc.constantFrom('; ', ', ', ';'))
  .map(([good, bad, separator]) => [...good, bad].join(separator));

/** A value of the wrong GraphQL type for a String field (null only where the field is required). */
export const notAString = (required: boolean) =>
  fc.oneof(fc.integer(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant({ nested: 'x' }), fc.constant([1, 2]), ...(required ? [fc.constant(null)] : []));

/** A value of the wrong GraphQL type for an Int field. */
export const notAnInt = fc.oneof(
  fc.string({ minLength: 1, maxLength: 10 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 1e20),
  fc.boolean(),
);

/** A value of the wrong GraphQL type for a Boolean field. */
export const notABoolean = fc.oneof(fc.constantFrom('true', 'yes', 'Kyllä', '1', ''), fc.integer(), fc.constant({}));

/** A string that is none of the enum's values (wrong case, retired, made up). */
export const notOneOf = (values: readonly string[]) =>
  fc.oneof(fc.constantFrom('', 'SEND_LATER', 'LATER', 'null', 'STARTTLS', 'ssl', values[0]!.toLowerCase(), `${values[0]} `), fc.string({ maxLength: 20 })).filter((s) => !values.includes(s));

/** An integer outside [min, max] but inside GraphQL's 32-bit Int. */
export const intOutside = (min: number, max: number) => fc.oneof(fc.integer({ min: -(2 ** 31), max: min - 1 }), fc.integer({ min: max + 1, max: 2 ** 31 - 1 }));

/** Ids that do not name a row of the caller's company: random UUIDs, malformed and hostile text. */
export const strangerId = fc.oneof(
  fc.uuid(),
  fc.constantFrom('', '0', '-1', '../../etc/passwd', "' OR '1'='1", '00000000-0000-0000-0000-000000000000', 'ä'.repeat(300), '%00', 'null'),
  fc.string({ maxLength: 60 }),
);

/**
 * One or two of the given fields, each with a bad value. Few at a time, so that each mistake is also
 * met alone (a wrong type elsewhere would otherwise stop the request before the rule under test).
 */
export function someOf(fields: Record<string, fc.Arbitrary<unknown>>, maxFields = 2): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(fields);
  return fc
    .subarray(names, { minLength: 1, maxLength: Math.min(maxFields, names.length) })
    .chain((chosen) => fc.record(Object.fromEntries(chosen.map((name) => [name, fields[name]!]))) as fc.Arbitrary<Record<string, unknown>>);
}

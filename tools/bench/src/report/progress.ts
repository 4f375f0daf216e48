const started = Date.now();

function stamp(): string {
  const s = (Date.now() - started) / 1000;
  return `[${s.toFixed(1).padStart(6)} s]`;
}

/** A progress line on stdout, prefixed with the time since the bench started. */
export function say(text: string): void {
  process.stdout.write(`${stamp()} ${text}\n`);
}

/** Returns a function to call with the count so far; prints at every tenth of `total` (and at the end). */
export function progress(label: string, total: number, verb: string): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 10));
  let lastPrinted = 0;
  return (done: number) => {
    if (done === total || done - lastPrinted >= step) {
      lastPrinted = done;
      say(`  ${label}: ${verb} ${done}/${total}`);
    }
  };
}

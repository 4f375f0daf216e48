import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who holds a lease, as the log and the rows show it: host, process and a random tail (two workers in
 * one process stay apart), with the loop's role when it is not the dispatcher ("bounce", "copy").
 */
export function newWorkerId(role?: string): string {
  return [hostname(), String(process.pid), ...(role ? [role] : []), randomBytes(3).toString('hex')].join(':');
}

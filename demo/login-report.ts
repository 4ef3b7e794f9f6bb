// The demo page's "After a login" section: what the demo's server verified, the raw id_token
// (decoded, not verified) and the events as they fired, timed from the start.
import { decodeProtectedHeader } from 'jose';
import { decodeIdTokenClaims } from '../src/index.js';
import { AUTH_BASE } from './snippets.js';

const $ = <T extends Element = HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

/** Decoded for display only: the claims shown above them are the ones the server verified. */
export function showToken(idToken: string | undefined) {
  try {
    $('#token-header').textContent = idToken ? JSON.stringify(decodeProtectedHeader(idToken), null, 2) : '—';
    $('#token-payload').textContent = idToken ? JSON.stringify(decodeIdTokenClaims(idToken), null, 2) : '—';
  } catch {
    $('#token-header').textContent = 'not a JWT';
    $('#token-payload').textContent = '';
  }
}

export function showResult(heading: string, note: string, claims?: Record<string, unknown>) {
  $('#result-title').textContent = heading;
  $('#result-note').textContent = note;
  if (claims !== undefined) $('#claims').textContent = JSON.stringify(claims, null, 2);
  const status = $('#login-status');
  const name = claims?.name ?? claims?.preferred_username ?? claims?.sub;
  status.textContent = heading === 'Logged in' && name !== undefined ? `Logged in as ${String(name)} (verified by the server).` : `${heading}.`;
  status.append(' ');
  const link = document.createElement('a');
  link.href = '#result';
  link.textContent = 'Details below';
  status.append(link);
}

let loginStartedAt: number | undefined;

export function logEvent(type: string, detail: string) {
  const now = performance.now();
  if (type === 'start') loginStartedAt = now;
  const body = $('#events');
  body.querySelector('.empty')?.remove();
  const row = document.createElement('tr');
  row.className = `event-${type}`;
  const cells = [
    new Date().toLocaleTimeString([], { hour12: false }),
    loginStartedAt === undefined ? '—' : `+${Math.round(now - loginStartedAt)} ms`,
    type,
    detail,
  ];
  for (const text of cells) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  body.append(row);
}

/** The library flow hands the id_token to the page: the demo's server verifies it and its nonce. */
export async function verifyOnServer(idToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${AUTH_BASE}/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ idToken }),
  });
  const body = (await response.json()) as { user?: Record<string, unknown>; error?: string; message?: string };
  if (!response.ok || !body.user) throw new Error(`${body.error}: ${body.message}`);
  return body.user;
}


/** Plain HTTP to the embedded server for the node:test server tests (test/server). */
import assert from 'node:assert/strict';
import type { Resource } from 'fhir/r4';
import type { PorticoServer } from '../../demo/server/server.js';

export const FHIR_JSON = 'application/fhir+json';

export interface Reply<T = Resource> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP request to the FHIR server; `path` is relative to `base` unless absolute. */
export async function call<T = Resource>(base: string, method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { Accept: FHIR_JSON, ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] ??= FHIR_JSON;
  const url = /^https?:/.test(path) ? path : `${base}/${path}`;
  const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A test-administration request (`/__admin/…`, servers started with `testAdmin`). */
export async function admin<T>(server: PorticoServer, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/__admin/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `admin ${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as T;
}

/** A real access token from the embedded authorization server. */
export async function tokenFor(server: PorticoServer, username: string, scope: string, patient?: string): Promise<string> {
  return (await admin<{ access_token: string }>(server, 'POST', 'token', { username, scope, patient })).access_token;
}

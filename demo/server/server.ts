import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { FhirRouter } from '@medplum/fhir-router';
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { formatHumanName } from '../../packages/core/src/format/name.js';
import { createAuthServer, type Account } from './auth/provider.js';
import { capabilityOperations, checkSandboxSettings, configureSandbox, operationSettingsOf, type OperationSettings } from './features/registry.js';
import { buildCapabilityStatement } from './fhir/capability.js';
import { indexFhirDefinitions } from './fhir/definitions.js';
import { FaultInjector, type FaultRule } from './fhir/faults.js';
import { JournalingRepository } from './fhir/repository.js';
import { serveFhir } from './fhir/http.js';
import { patientFacingRouter } from './fhir/router.js';
import { receivePaymentWebhook } from './fhir/payment-webhook.js';
import { FhirService, type FhirTenant } from './fhir/service.js';
import { DemoProcessor, settleDelayOf } from './processor/processor.js';
import { serveProcessor } from './processor/processor-http.js';
import { SIGNATURE_HEADER } from './processor/signature.js';
import { generateSeed } from './seed/index.js';
import { patientNames, proxyPeople, seedRepository } from './seed-repository.js';

/** With the operation settings of features/registry.ts (`schedulingOperations`: Appointment/$find and $book), at /fhir; sandboxes choose their own. Off by default. */
export interface PorticoServerOptions extends OperationSettings {
  /** Port on 127.0.0.1; 0 picks a free one. Default 8100. */
  port?: number;
  /** Load every FHIR Bundle (*.json) in this folder instead of the generated demo data. */
  dataFolder?: string;
  /** Add the generated patient with ~5,000 lab results. */
  largePatient?: boolean;
  /** Enable /__admin (sandboxes, fault injection, token minting) for tests. Never in a deployment. */
  testAdmin?: boolean;
  accessTokenTtlSeconds?: number;
  /** "Today" for the generated data (default: the clock when the server starts, pinned by PORTICO_NOW in tests). */
  now?: Date;
  /** The host's name on the sign-in pages and the payment page (default "Riverside Health"). */
  brandName?: string;
  /** How long the demo processor's slow test card stays processing, in ms (default 4000; Infinity: until `/__admin/processor/settle`). */
  paymentSettleMs?: number;
  /** The secret the demo processor signs its webhook with (default: random for each start). */
  paymentWebhookSecret?: string;
  /**
   * Serve HTTPS with this key and certificate (PEM), over HTTP/2 as production FHIR servers do (HTTP/1.1
   * for clients without it); the origin is then `https://localhost:<port>`. Plain HTTP/1.1 without it.
   */
  tls?: { key: string; cert: string };
}

export interface PorticoServer {
  origin: string;
  fhirBaseUrl: string;
  authIssuer: string;
  /** The demo payment processor's base: `<origin>/processor`. */
  processorUrl: string;
  accounts: Account[];
  close(): Promise<void>;
}

type Snapshot = ReturnType<JournalingRepository["snapshot"]>;

/** Starts the embedded backend: the FHIR R4 server at /fhir and the SMART/OIDC server at /auth. */
export async function startPorticoServer(options: PorticoServerOptions = {}): Promise<PorticoServer> {
  // One "today" for the demo data and every sandbox seeded later, however long the server runs.
  const now = options.now ?? new Date();
  indexFhirDefinitions();
  const router = patientFacingRouter();
  const accounts: Account[] = [];
  const http = options.tls ? createSecureServer({ ...options.tls, allowHTTP1: true }) : createServer();
  /** Open TLS connections, ended on close (the HTTP/1.1 server ends its own). */
  const connections = new Set<TLSSocket>();
  http.on('secureConnection', (socket: TLSSocket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8100, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const origin = `${options.tls ? 'https' : 'http'}://localhost:${port}`;
  const fhirBaseUrl = `${origin}/fhir`;
  const authIssuer = `${origin}/auth`;

  const auth = await createAuthServer({ issuer: authIssuer, fhirBaseUrl, accounts: () => accounts, accessTokenTtlSeconds: options.accessTokenTtlSeconds, brandName: options.brandName });
  const service = new FhirService({ router, authIssuer, introspect: auth.introspect });

  const tenant = (id: string, baseUrl: string, repo: JournalingRepository, operations: OperationSettings): FhirTenant => ({
    ...operations,
    id,
    baseUrl,
    repo,
    faults: new FaultInjector(),
    capability: buildCapabilityStatement({ fhirBaseUrl: baseUrl, authIssuer, operations: capabilityOperations(operations) }),
  });
  const main = tenant('main', fhirBaseUrl, new JournalingRepository(), operationSettingsOf(options));
  const sandboxes = new Map<string, FhirTenant>();
  const snapshots = new Map<string, Snapshot>();

  if (options.dataFolder) {
    const loaded = await loadBundleFolder(new FhirRouter(), main.repo, options.dataFolder);
    accounts.push(...loaded);
  } else {
    const seed = generateSeed({ now, largePatient: options.largePatient });
    const people = proxyPeople(seed.resources, seed.users);
    await seedRepository(main.repo, [...seed.resources, ...people.resources]);
    accounts.push(...people.accounts);
  }
  const mainSnapshot = main.repo.snapshot();

  /** The tenant whose FHIR base is exactly `baseUrl` (the server's or a sandbox's). */
  const tenantAt = (baseUrl: string): FhirTenant | undefined => {
    if (baseUrl === fhirBaseUrl) return main;
    const match = /^\/sandbox\/([^/]+)\/fhir$/.exec(baseUrl.startsWith(origin) ? baseUrl.slice(origin.length) : '');
    return match ? sandboxes.get(match[1]!) : undefined;
  };
  const webhookSecret = options.paymentWebhookSecret ?? randomBytes(32).toString('hex');
  const processor = new DemoProcessor({
    origin,
    secret: webhookSecret,
    merchantAt(baseUrl) {
      const tenant = tenantAt(baseUrl);
      return tenant && { repo: tenant.repo, webhookUrl: `${baseUrl.replace(/\/fhir$/, '')}/payments/webhook` };
    },
    settleMs: (merchant) => settleDelayOf(merchant.repo) ?? options.paymentSettleMs ?? 4000,
  });
  const brandName = options.brandName ?? 'Riverside Health';

  /** The hospital's payment webhook (`/payments/webhook`, `/sandbox/<id>/payments/webhook`): a signed event from the processor. */
  async function handleWebhook(req: IncomingMessage, res: ServerResponse, tenant: FhirTenant | undefined): Promise<void> {
    if (!tenant) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No such sandbox');
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain' }).end('POST only');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 64 * 1024) return void res.writeHead(413, { 'Content-Type': 'text/plain' }).end('Too large');
      chunks.push(chunk as Buffer);
    }
    const signature = req.headers[SIGNATURE_HEADER];
    const answer = await receivePaymentWebhook(tenant.repo, webhookSecret, Buffer.concat(chunks).toString('utf8'), Array.isArray(signature) ? signature[0] : signature);
    res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
  }

  /** A fresh copy of the demo data (with the large patient when asked) at its own base URL. */
  async function createSandbox(largePatient: boolean, operations: OperationSettings): Promise<FhirTenant> {
    const key = largePatient ? 'large' : 'default';
    let snapshot = key === 'default' && !options.largePatient ? mainSnapshot : snapshots.get(key);
    if (!snapshot) {
      const repo = new JournalingRepository();
      const seed = generateSeed({ now, largePatient });
      await seedRepository(repo, [...seed.resources, ...proxyPeople(seed.resources, seed.users).resources]);
      snapshot = repo.snapshot();
      snapshots.set(key, snapshot);
      if (largePatient && !accounts.some((a) => a.username === 'large')) {
        const names = patientNames(seed.resources);
        const user = seed.users.find((u) => u.username === 'large');
        if (user) accounts.push({ ...user, patientNames: { large: names.get('large') ?? 'large' } });
      }
    }
    const id = randomUUID().slice(0, 8);
    const repo = new JournalingRepository();
    repo.restore(snapshot);
    const sandbox = tenant(id, `${origin}/sandbox/${id}/fhir`, repo, operations);
    sandboxes.set(id, sandbox);
    return sandbox;
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const parts = url.pathname.split('/').filter(Boolean).slice(1); // after __admin
    if (parts[0] === 'sandboxes' && !parts[1] && req.method === 'POST') {
      // `largePatient`, the modules' operation settings (`schedulingOperations`) and their own (`bookAnswer`).
      const settings = (body ?? {}) as Record<string, unknown>;
      const error = checkSandboxSettings(settings);
      if (error) return json(400, { error });
      const sandbox = await createSandbox(!!settings.largePatient, operationSettingsOf(settings));
      configureSandbox(sandbox.repo, settings);
      return json(201, { id: sandbox.id, fhirBaseUrl: sandbox.baseUrl });
    }
    const sandbox = parts[1] ? sandboxes.get(parts[1]) : undefined;
    if (parts[0] === 'sandboxes' && sandbox) {
      if (!parts[2] && req.method === 'DELETE') {
        sandboxes.delete(sandbox.id);
        return json(200, { deleted: sandbox.id });
      }
      if (parts[2] === 'resources' && req.method === 'POST') {
        // Test fixtures (e.g. hostile data) written as they are, ids kept (replacing), without validation.
        const resources = (body as Resource[] | undefined) ?? [];
        await seedRepository(sandbox.repo, resources, { replace: true });
        return json(200, { loaded: resources.length });
      }
      if (parts[2] === 'faults' && req.method === 'POST') {
        sandbox.faults.add(body as FaultRule[]);
        return json(200, { ok: true });
      }
      if (parts[2] === 'faults' && req.method === 'DELETE') {
        sandbox.faults.clear();
        return json(200, { ok: true });
      }
    }
    if (parts[0] === 'processor' && parts[1] === 'settle' && req.method === 'POST') {
      return json(200, { settled: await processor.settleAll() });
    }
    if (parts[0] === 'token' && req.method === 'POST') {
      const { username, scope, patient, unlisted } = body as { username: string; scope: string; patient?: string; unlisted?: boolean };
      try {
        const accessToken = await auth.mintAccessToken(username, scope, patient, unlisted === true);
        const account = accounts.find((a) => a.username === username)!;
        return json(200, { access_token: accessToken, token_type: 'Bearer', scope, patient: patient ?? account.patients[0] });
      } catch (error) {
        return json(400, { error: (error as Error).message });
      }
    }
    json(404, { error: 'Unknown admin route' });
  }

  // HTTP/2's compatibility request and response stand in for HTTP/1.1's: the handlers use only what both have.
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      try {
        if (url.pathname === '/fhir' || url.pathname.startsWith('/fhir/')) {
          return await serveFhir(service, req, res, main, url.pathname.slice(6), url);
        }
        const sandboxMatch = /^\/sandbox\/([^/]+)\/fhir(?:\/(.*))?$/.exec(url.pathname);
        if (sandboxMatch) {
          const sandbox = sandboxes.get(sandboxMatch[1]!);
          if (!sandbox) return void res.writeHead(404, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' }).end('No such sandbox');
          return await serveFhir(service, req, res, sandbox, sandboxMatch[2] ?? '', url);
        }
        if (url.pathname.startsWith('/processor/')) return await serveProcessor(processor, brandName, req, res, url);
        if (url.pathname === '/payments/webhook') return await handleWebhook(req, res, main);
        const webhookMatch = /^\/sandbox\/([^/]+)\/payments\/webhook$/.exec(url.pathname);
        if (webhookMatch) return await handleWebhook(req, res, sandboxes.get(webhookMatch[1]!));
        if (await auth.handle(req, res)) return;
        if (options.testAdmin && url.pathname.startsWith('/__admin/')) return await handleAdmin(req, res, url);
        if (url.pathname === '/') {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          return void res.end(`<!doctype html><title>Portico demo backend</title><h1>Portico demo backend</h1><ul><li>FHIR R4: <a href="/fhir/metadata">${fhirBaseUrl}</a></li><li>SMART configuration: <a href="/fhir/.well-known/smart-configuration">/fhir/.well-known/smart-configuration</a></li><li>Authorization server: <a href="/auth/.well-known/openid-configuration">${authIssuer}</a></li></ul>`);
        }
        res.writeHead(404, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' }).end('Not found');
      } catch (error) {
        console.error('[portico-server]', error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal error');
      }
    })();
  });

  return {
    origin,
    fhirBaseUrl,
    authIssuer,
    processorUrl: `${origin}/processor`,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        processor.close();
        if ('closeAllConnections' in http) http.closeAllConnections();
        else for (const socket of connections) socket.destroy();
        http.close(() => resolve());
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/**
 * Loads every `*.json` FHIR Bundle in `folder` (transaction or batch bundles, e.g. Synthea output,
 * or collection bundles) and makes a demo account for each Patient: username = the given name in lower
 * case, password = `<username>-demo`.
 */
async function loadBundleFolder(router: FhirRouter, repo: JournalingRepository, folder: string): Promise<Account[]> {
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json')).sort();
  const accounts: Account[] = [];
  for (const file of files) {
    const bundle = JSON.parse(await readFile(join(folder, file), 'utf8')) as Bundle;
    if (bundle.resourceType !== 'Bundle') continue;
    const asTransaction: Bundle =
      bundle.type === 'transaction' || bundle.type === 'batch'
        ? bundle
        : { ...bundle, type: 'transaction', entry: (bundle.entry ?? []).map((e) => ({ ...e, request: { method: 'POST', url: e.resource!.resourceType } })) };
    const [outcome, result] = await router.handleRequest(
      { method: 'POST', url: '', pathname: '', body: asTransaction, params: {}, query: {} },
      repo,
    );
    const failed = (result as Bundle | undefined)?.entry?.filter((e) => Number.parseInt(e.response?.status ?? '200', 10) >= 400) ?? [];
    if (!result || failed.length) {
      console.warn(`[portico-server] ${file}: ${failed.length} entries failed`, outcome.issue?.[0]?.details?.text ?? '');
    }
    for (const entry of (result as Bundle | undefined)?.entry ?? []) {
      const location = entry.response?.location ?? '';
      const match = /^Patient\/([^/]+)/.exec(location);
      if (!match) continue;
      const patient = (await repo.readResource('Patient', match[1]!)) as Patient;
      const displayName = formatHumanName(patient.name as Parameters<typeof formatHumanName>[0]) || patient.id!;
      let username = (patient.name?.[0]?.given?.[0] ?? 'patient').toLowerCase().replace(/[^a-z]/g, '') || 'patient';
      while (accounts.some((a) => a.username === username)) username += '1';
      accounts.push({
        username,
        password: `${username}-demo`,
        displayName,
        description: `Loaded from ${file}`,
        fhirUser: `Patient/${patient.id}`,
        patients: [patient.id!],
        patientNames: { [patient.id!]: displayName },
      });
    }
  }
  return accounts;
}

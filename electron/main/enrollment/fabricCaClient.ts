// A small client for the Fabric CA REST API (v1) over TLS: cainfo, enroll and reenroll (what the app does; registering
// users is the CA administrator's job, and tests do it through testing/caRegistrar.ts).
import type { KeyObject } from 'node:crypto';
import { request } from 'node:https';
import { z } from 'zod';
import { createAuthToken } from './authToken.ts';
import { CaProtocolError, CaTlsError, CaUnreachableError, EnrollmentError, type CaErrorEntry } from './errors.ts';

/** Options for {@link FabricCaClient}. */
export interface FabricCaClientOptions {
  /** Base URL of the CA server, e.g. `https://127.0.0.1:8054`. Must be https. */
  url: string;
  /** Name of the CA inside the server. */
  caName: string;
  /** PEM of the CA certificate(s) the server's TLS certificate must chain to (nothing else is trusted). */
  tlsCaCertPem: string;
  /** Per-request timeout; default 15 s. */
  timeoutMs?: number;
}

/** What the CA says about itself. */
export interface CaInfo {
  caName: string;
  /** Server version, e.g. `1.5.21`; null when not reported. */
  version: string | null;
  /** The CA's certificate chain, PEM. */
  caChainPem: string;
}

/** Certificate issued by enroll/reenroll. */
export interface IssuedCertificate {
  certificatePem: string;
  caChainPem: string;
}

/** An attribute the enrollee asks to have in the certificate. */
export interface AttributeRequest {
  name: string;
  /** When false (default) the CA refuses the request if the identity lacks the attribute. */
  optional?: boolean;
}

/** Input of {@link FabricCaClient.enroll}. */
export interface EnrollInput {
  enrollmentId: string;
  secret: string;
  /** PEM PKCS#10 request; its subject CN must equal `enrollmentId`. */
  csrPem: string;
  /** Omit to get the attributes registered with `ecert` (the CA's default). */
  attrReqs?: AttributeRequest[];
}

/** An enrolled identity acting on the CA (token authentication). */
export interface CaCaller {
  certificatePem: string;
  privateKey: KeyObject;
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

const TLS_ERROR_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

const Envelope = z.object({
  success: z.boolean(),
  result: z.unknown(),
  errors: z.array(z.object({ code: z.number(), message: z.string() })).nullish(),
});

const CaInfoResult = z.object({ CAName: z.string(), CAChain: z.string(), Version: z.string().optional() });
const EnrollResult = z.object({ Cert: z.string(), ServerInfo: z.object({ CAChain: z.string() }) });

interface HttpCall {
  operation: string;
  method: 'GET' | 'POST';
  /** Path plus query, e.g. `/api/v1/cainfo?ca=ca-org1`. */
  uri: string;
  body?: unknown;
  auth?: { basic: { id: string; secret: string } } | { token: CaCaller };
  /** Strings to blank out of CA error messages (secrets the request carried). */
  redact?: string[];
}

interface HttpAnswer {
  status: number;
  text: string;
}

function decodePem(base64: string, what: string): string {
  const pem = Buffer.from(base64, 'base64').toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CaProtocolError(`The CA returned no PEM ${what}`);
  return pem;
}

function nodeErrorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function redactAll(text: string, secrets: string[]): string {
  return secrets
    .filter((secret) => secret.length > 0)
    .reduce((out, secret) => out.split(secret).join('[REDACTED]'), text);
}

/**
 * Talks to one Fabric CA over HTTPS, trusting only `tlsCaCertPem`. Enrollment secrets travel in the
 * `Authorization` header only and never appear in errors.
 */
export class FabricCaClient {
  readonly #base: URL;
  readonly #caName: string;
  readonly #tlsCaCertPem: string;
  readonly #timeoutMs: number;

  constructor(options: FabricCaClientOptions) {
    this.#base = new URL(options.url);
    if (this.#base.protocol !== 'https:') throw new CaTlsError(options.url, 'the CA URL must use https');
    this.#caName = options.caName;
    this.#tlsCaCertPem = options.tlsCaCertPem;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** `GET /api/v1/cainfo`: the CA's name, version and certificate chain. */
  async caInfo(): Promise<CaInfo> {
    const result = await this.#call(CaInfoResult, {
      operation: 'cainfo',
      method: 'GET',
      uri: `/api/v1/cainfo?ca=${encodeURIComponent(this.#caName)}`,
    });
    return {
      caName: result.CAName,
      version: result.Version === undefined || result.Version === '' ? null : result.Version,
      caChainPem: decodePem(result.CAChain, 'CA chain'),
    };
  }

  /** `POST /api/v1/enroll` with HTTP Basic `enrollmentId:secret`: the CA signs `csrPem`. */
  async enroll(input: EnrollInput): Promise<IssuedCertificate> {
    const result = await this.#call(EnrollResult, {
      operation: 'enroll',
      method: 'POST',
      uri: '/api/v1/enroll',
      body: this.#signBody(input.csrPem, input.attrReqs),
      auth: { basic: { id: input.enrollmentId, secret: input.secret } },
      redact: [input.secret],
    });
    return {
      certificatePem: decodePem(result.Cert, 'certificate'),
      caChainPem: decodePem(result.ServerInfo.CAChain, 'CA chain'),
    };
  }

  /** `POST /api/v1/reenroll` authenticated with the caller's current certificate and key. */
  async reenroll(caller: CaCaller, csrPem: string, attrReqs?: AttributeRequest[]): Promise<IssuedCertificate> {
    const result = await this.#call(EnrollResult, {
      operation: 'reenroll',
      method: 'POST',
      uri: '/api/v1/reenroll',
      body: this.#signBody(csrPem, attrReqs),
      auth: { token: caller },
    });
    return {
      certificatePem: decodePem(result.Cert, 'certificate'),
      caChainPem: decodePem(result.ServerInfo.CAChain, 'CA chain'),
    };
  }

  #signBody(csrPem: string, attrReqs: AttributeRequest[] | undefined): Record<string, unknown> {
    return {
      certificate_request: csrPem,
      caname: this.#caName,
      ...(attrReqs === undefined
        ? {}
        : { attr_reqs: attrReqs.map((a) => ({ name: a.name, optional: a.optional ?? false })) }),
    };
  }

  async #call<T>(schema: z.ZodType<T>, call: HttpCall): Promise<T> {
    const answer = await this.#send(call);
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw new CaProtocolError(`The CA's ${call.operation} answer (HTTP ${answer.status}) is not JSON`);
    }
    const envelope = Envelope.safeParse(json);
    if (!envelope.success) {
      throw new CaProtocolError(`The CA's ${call.operation} answer is not a Fabric CA response`);
    }
    if (!envelope.data.success || answer.status >= 400) {
      const errors: CaErrorEntry[] = (envelope.data.errors ?? []).map((e) => ({
        code: e.code,
        message: redactAll(e.message, call.redact ?? []),
      }));
      throw new EnrollmentError(call.operation, answer.status, errors);
    }
    const result = schema.safeParse(envelope.data.result);
    if (!result.success) throw new CaProtocolError(`The CA's ${call.operation} result has an unexpected shape`);
    return result.data;
  }

  async #send(call: HttpCall): Promise<HttpAnswer> {
    const url = new URL(call.uri, this.#base);
    const body = call.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(call.body), 'utf8');
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body.length > 0) headers['content-type'] = 'application/json';
    if (call.auth !== undefined && 'basic' in call.auth) {
      const { id, secret } = call.auth.basic;
      headers['authorization'] = `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}`;
    } else if (call.auth !== undefined) {
      headers['authorization'] = await createAuthToken({
        method: call.method,
        uri: `${url.pathname}${url.search}`,
        body,
        certificatePem: call.auth.token.certificatePem,
        privateKey: call.auth.token.privateKey,
      });
    }
    const where = this.#base.origin;
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = request(url, {
        method: call.method,
        headers: { ...headers, 'content-length': String(body.length) },
        ca: this.#tlsCaCertPem,
        agent: false,
        timeout: this.#timeoutMs,
      });
      req.on('timeout', () => {
        req.destroy(new CaUnreachableError(where, `no answer within ${this.#timeoutMs} ms`));
      });
      req.on('error', (error) => {
        if (error instanceof CaUnreachableError || error instanceof CaProtocolError) {
          reject(error);
          return;
        }
        const code = nodeErrorCode(error) ?? 'unknown';
        const reason = `${code}: ${error.message}`;
        reject(
          TLS_ERROR_CODES.has(code) || code.startsWith('ERR_SSL_')
            ? new CaTlsError(where, reason, { cause: error })
            : new CaUnreachableError(where, reason, { cause: error }),
        );
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new CaProtocolError(`The CA's ${call.operation} answer exceeds ${MAX_RESPONSE_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (error) => {
          reject(new CaUnreachableError(where, error.message, { cause: error }));
        });
      });
      req.end(body);
    });
  }
}

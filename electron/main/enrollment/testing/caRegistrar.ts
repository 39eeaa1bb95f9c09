// Test helper: registers users at a test Fabric CA as its registrar. The app never registers anyone (that is the CA
// administrator's job, done with fabric-ca-client), so this lives with the tests rather than in FabricCaClient.
import { request } from 'node:https';
import { z } from 'zod';
import { createAuthToken } from '../authToken.ts';
import type { CaCaller } from '../fabricCaClient.ts';

/** Where the test CA listens. */
export interface TestCaEndpoint {
  url: string;
  caName: string;
  tlsCaCertPem: string;
}

/** Input of {@link registerAtCa}. */
export interface RegisterInput {
  enrollmentId: string;
  /** Identity type; default `client`. */
  type?: string;
  /** Secret to set; the CA generates one when omitted. */
  secret?: string;
  /** Affiliation; default the caller's. */
  affiliation?: string;
  /** How often the secret may be used to enroll; the CA's default when omitted (-1 = unlimited). */
  maxEnrollments?: number;
  attrs?: { name: string; value: string; ecert?: boolean }[];
}

const RegisterAnswer = z.object({
  success: z.boolean(),
  result: z.object({ secret: z.string() }).nullish(),
  errors: z.array(z.object({ code: z.number(), message: z.string() })).nullish(),
});

/** `POST /api/v1/register` with token authentication as `registrar`; returns the enrollment secret. */
export async function registerAtCa(ca: TestCaEndpoint, registrar: CaCaller, input: RegisterInput): Promise<string> {
  const url = new URL('/api/v1/register', ca.url);
  const body = Buffer.from(
    JSON.stringify({
      id: input.enrollmentId,
      type: input.type ?? 'client',
      secret: input.secret,
      affiliation: input.affiliation ?? '',
      max_enrollments: input.maxEnrollments,
      attrs: input.attrs,
      caname: ca.caName,
    }),
    'utf8',
  );
  const authorization = await createAuthToken({ method: 'POST', uri: url.pathname, body, ...registrar });
  const text = await new Promise<string>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length), authorization },
      ca: ca.tlsCaCertPem,
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      res.on('error', reject);
    });
    req.end(body);
  });
  const answer = RegisterAnswer.parse(JSON.parse(text));
  if (!answer.success || answer.result == null) {
    throw new Error(`register ${input.enrollmentId} failed: ${JSON.stringify(answer.errors ?? [])}`);
  }
  return answer.result.secret;
}

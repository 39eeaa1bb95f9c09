// Every validation path of main with planted caller text: the IPC router (every contract entry, with the workflow's
// own validation behind it), ledger answers the app cannot decode, unexpected errors on the way to the gateway, and a
// profile import. Whatever fails answers with fields and rules, and neither the error DTO nor main's log line repeats
// the planted text (SECURITY.md, "Logging policy").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ipcContract } from '../../shared/ipc/contract.ts';
import { partialAppHandlers } from './testing/partialHandlers.ts';
import { toFabricError } from './fabric/errorMapping.ts';
import { OfflineError } from './fabric/errors.ts';
import type { FabricConnection } from './fabric/fabricConnection.ts';
import { createIpcRouter, noAppLock } from './ipc/router.ts';
import { parsePortableProfile } from './profiles/portableProfile.ts';
import { createAppLog, describeErrorChain } from './util/appLog.ts';
import { decodeJson } from './workflow/ledgerClient.ts';
import { ChildDetails } from '@pediledger/domain';
import {
  AdmissionRequestInput,
  AllergyInput,
  ConditionInput,
  ImmunizationInput,
  MeasurementInput,
  MedicalCard,
  ProposeAgreementInput,
  ReportBody,
  ReportRequestInput,
  VisitNoteInput,
} from './workflow/schemas.ts';
import { createWorkflow } from './workflow/workflow.ts';
import { createWorkflowHandlers } from './workflow/workflowHandlers.ts';

const PLANTED = 'Zq7PlantedInMain';
const context = { transport: 'browser', origin: 'http://127.0.0.1:1' } as const;

/** Caller text that breaks a rule in every way a form field can: control characters, length, shape. */
const plantedText = fc.constantFrom(
  PLANTED,
  `${PLANTED}\u0000`,
  `${PLANTED}\u2028x`,
  `${PLANTED}\nsecond line`,
  `${PLANTED} `.repeat(400),
  `-${PLANTED}`,
  `${PLANTED}@example`,
  `2025-02-30${PLANTED}`,
  `{"${PLANTED}"`,
);

/** The field names of the forms, so generated objects reach the fields' own rules, plus planted ones. */
const fieldNames = [
  ...new Set(
    [
      ProposeAgreementInput,
      ChildDetails,
      AllergyInput,
      ConditionInput,
      ImmunizationInput,
      MeasurementInput,
      VisitNoteInput,
      AdmissionRequestInput,
      ReportRequestInput,
      ReportBody,
    ].flatMap((schema) => Object.keys(schema.shape)),
  ),
];
const fieldName = fc.oneof(fc.constantFrom(...fieldNames), fc.constantFrom(PLANTED, PLANTED.repeat(6)));

const junk = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    plantedText,
    plantedText,
    fc.integer(),
    fc.constantFrom(Number.NaN, -1, 1e9, true, null, undefined),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object'),
  ),
  object: fc.dictionary(fieldName, tie('value'), { maxKeys: 6 }),
}));

/** Arguments for one contract entry: each of its own fields a valid id or junk, sometimes a planted extra field. */
function argsFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : null;
  if (shape === null) return junk.value;
  const field = fc.oneof(fc.constant('rec-1'), junk.value, junk.object);
  const own = fc.record(Object.fromEntries(shape.map((key) => [key, field])));
  return fc
    .tuple(own, fc.option(junk.value))
    .map(([args, extra]) => (extra === null ? args : { ...args, [PLANTED]: extra }));
}

/** A connection that is never reached: every call fails before it, in validation, or here. */
const unreachable = {
  mspId: 'HospitalMSP',
  withGateway: () => Promise.reject(new OfflineError('no network in this test')),
} as unknown as FabricConnection;

describe('main never repeats caller text in errors or its log', () => {
  const lines: string[] = [];
  const log = createAppLog('[test]', (line) => lines.push(line));
  const workflow = createWorkflow({ connection: unreachable });
  const appInfo = { name: 'PediLedger', version: '0.0.0', shell: 'browser', runtime: 'test' } as const;
  const router = createIpcRouter(
    ipcContract,
    partialAppHandlers(appInfo, createWorkflowHandlers({ current: () => workflow })),
    { lock: noAppLock, log },
  );
  const channels = Object.keys(ipcContract.invoke) as (keyof typeof ipcContract.invoke)[];

  it('through the router and the workflow’s validation, for every contract entry (1000 calls)', async () => {
    const call = fc
      .constantFrom(...channels)
      .chain((channel) => argsFor(ipcContract.invoke[channel].args).map((args) => ({ channel, args })));
    await fc.assert(
      fc.asyncProperty(call, async ({ channel, args }) => {
        lines.length = 0;
        const result = await router.call(channel, args, context);
        if (!result.ok) expect(JSON.stringify(result.error).includes(PLANTED)).toBe(false);
        expect(lines.some((line) => line.includes(PLANTED))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('when the ledger answers something the app cannot decode', () => {
    const answers = [
      `{"allergies":[{"substance":"${PLANTED}"`,
      JSON.stringify({ childId: `${PLANTED}\u0000`, [PLANTED]: PLANTED }),
      JSON.stringify([PLANTED]),
    ];
    for (const answer of answers) {
      let thrown: unknown;
      try {
        decodeJson(MedicalCard, new TextEncoder().encode(answer), 'ReadMedicalCard');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect(
        JSON.stringify({ message: (thrown as Error).message, details: (thrown as { details?: unknown }).details }),
      ).not.toContain(PLANTED);
      expect(describeErrorChain(thrown)).not.toContain(PLANTED);
    }
  });

  it('when something other than the gateway fails on the way to it', () => {
    let parseError: unknown;
    try {
      JSON.parse(`{"visitNote":"${PLANTED}`);
    } catch (error) {
      parseError = error;
    }
    const mapped = toFabricError(parseError, { transactionName: 'AddVisitNote' });
    expect(mapped.message).toMatch(/^AddVisitNote failed: SyntaxError \(message not logged\)/);
    expect(describeErrorChain(mapped)).not.toContain(PLANTED);
  });

  it('when an imported profile is not one', () => {
    for (const content of [`{"${PLANTED}":`, JSON.stringify({ format: PLANTED, [PLANTED]: { [PLANTED]: 1 } })]) {
      let thrown: unknown;
      try {
        parsePortableProfile(content);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).not.toContain(PLANTED);
    }
  });
});

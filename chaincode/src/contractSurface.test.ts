import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contracts as medicalContracts, MedicalContract } from './medical';
import { contracts as reportContracts, ReportContract } from './report';
import { MEDICAL_ENDORSERS, REPORT_ENDORSERS } from '@pediledger/domain';

// The deployable surface of each chaincode, read from the metadata fabric-contract-api builds from the decorators.
// This also proves that vitest's transformer honours experimentalDecorators and emitDecoratorMetadata: without them
// the metadata would be missing or lack parameter types.

interface TransactionMetadata {
  name: string;
  tag: string[];
  parameters?: { name: string; schema: { type: string } }[];
}

/** reflect-metadata's reader (loaded by fabric-contract-api; its typings are not part of this project). */
const metadata = Reflect as unknown as { getMetadata(key: string, target: object): unknown };

function transactionsOf(contract: object): TransactionMetadata[] {
  return metadata.getMetadata(
    'fabric:transactions',
    Object.getPrototypeOf(contract) as object,
  ) as TransactionMetadata[];
}

const MEDICAL_READS = [
  'ReadMedicalCard',
  'GetMedicalCardHistory',
  'ReadCardEntry',
  'GetCardEntryHistory',
  'ReadChild',
  'ReadAgreement',
  'ListMyChildren',
  'ListMyAgreements',
  'ListMyNotices',
];
const REPORT_READS = [
  'ReadReport',
  'GetReadReceipts',
  'ListMyAdmissionRequests',
  'ListMyReportRequests',
  'ListMyReports',
  'ReadMyDirectoryEntry',
  'ListDirectory',
  'ListMyNotices',
];

describe('contract surface', () => {
  it('medical exposes exactly its transactions, with string parameters, and no helpers', () => {
    expect(medicalContracts).toEqual([MedicalContract]);
    const transactions = transactionsOf(new MedicalContract());
    const names = transactions.map((t) => t.name).sort();
    expect(names).toEqual(['Ping', ...Object.keys(MEDICAL_ENDORSERS), ...MEDICAL_READS].sort());
    const record = transactions.find((t) => t.name === 'RecordMeasurement');
    expect(record?.parameters?.map((p) => [p.name, p.schema.type])).toEqual([
      ['childId', 'string'],
      ['entryId', 'string'],
      ['entryJson', 'string'],
    ]);
    const params = (name: string): string[] | undefined =>
      transactions.find((t) => t.name === name)?.parameters?.map((p) => p.name);
    expect(params('GetMedicalCardHistory')).toEqual(['childId', 'pageSize', 'bookmark']);
    expect(params('GetCardEntryHistory')).toEqual(['childId', 'entryId', 'pageSize', 'bookmark']);
    expect(params('ListMyChildren')).toEqual(['pageSize', 'bookmark']);
    expect(params('ListMyAgreements')).toEqual(['pageSize', 'bookmark']);
    for (const name of MEDICAL_READS) expect(transactions.find((t) => t.name === name)?.tag).toContain('EVALUATE');
  });

  it('report exposes exactly its transactions and no helpers', () => {
    expect(reportContracts).toEqual([ReportContract]);
    const names = transactionsOf(new ReportContract())
      .map((t) => t.name)
      .sort();
    expect(names).toEqual(['Ping', ...Object.keys(REPORT_ENDORSERS), ...REPORT_READS].sort());
  });

  it('report directory transactions take their documented string parameters; ListDirectory is evaluated', () => {
    const transactions = transactionsOf(new ReportContract());
    const params = (name: string): string[][] | undefined =>
      transactions.find((t) => t.name === name)?.parameters?.map((p) => [p.name, p.schema.type]);
    expect(params('PublishDirectoryEntry')).toEqual([['displayName', 'string']]);
    expect(params('WithdrawDirectoryEntry') ?? []).toEqual([]);
    expect(params('ReadMyDirectoryEntry') ?? []).toEqual([]);
    expect(params('ListDirectory')).toEqual([['kind', 'string']]);
    for (const list of ['ListMyAdmissionRequests', 'ListMyReportRequests', 'ListMyReports']) {
      expect(params(list)).toEqual([
        ['pageSize', 'string'],
        ['bookmark', 'string'],
      ]);
    }
    for (const name of REPORT_READS) expect(transactions.find((t) => t.name === name)?.tag).toContain('EVALUATE');
    expect(transactions.find((t) => t.name === 'PublishDirectoryEntry')?.tag).toContain('SUBMIT');
  });

  it('the two chaincodes share no transaction except Ping and ListMyNotices', () => {
    const medical = new Set(transactionsOf(new MedicalContract()).map((t) => t.name));
    const shared = transactionsOf(new ReportContract())
      .filter((t) => medical.has(t.name))
      .map((t) => t.name)
      .sort();
    expect(shared).toEqual(['ListMyNotices', 'Ping']);
  });
});

describe('determinism guard', () => {
  // Endorsers must compute identical results: no clocks, randomness, environment, I/O or cross-channel calls (but the
  // one read of a child on `medical`, below).
  const BANNED: [RegExp, string][] = [
    [/Date\.now\(/, 'Date.now()'],
    [/new Date\(\)/, 'new Date() without an argument'],
    [/Math\.random\(/, 'Math.random()'],
    [/randomUUID|randomBytes|getRandomValues/, 'crypto randomness'],
    [/process\.env/, 'process.env'],
    [/setTimeout|setInterval/, 'timers'],
    [/\bfetch\(|from 'node:(fs|http|https|child_process)'/, 'I/O'],
    [/invokeChaincode|getQueryResult/, 'cross-chaincode calls or rich queries'],
    [/getMspID\(/, "the peer's MSP id (differs per endorser)"],
    [/^(let|var) /m, 'module-level mutable state'],
    [/JSON\.stringify\((?!\{ channel)/, 'non-deterministic JSON (use toBytes/toJson)'],
  ];

  // The one clock read allowed: each endorser's own clock, taken once per transaction in the context and used only to
  // refuse a proposal whose timestamp is too far from it (shared/proposalChecks.ts), never to decide what is written.
  const CLOCK_READ = { file: path.join('shared', 'context.ts'), code: 'endorserClockMs: number = Date.now();' };

  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('testing'))
    .map((file) => path.join(__dirname, file));

  /** The one cross-channel call: report reads a child on `medical` with the caller's proposal (medicalLink.ts). */
  const MEDICAL_LINK = path.join('report', 'medicalLink.ts');
  const ONE_CALL = "ctx.stub.invokeChaincode(MEDICAL, ['ReadChild', childId], MEDICAL)";

  it.each(files.map((file) => [path.relative(__dirname, file), file]))(
    '%s uses no non-deterministic API',
    (relative, file) => {
      let source = readFileSync(file, 'utf8');
      if (relative === CLOCK_READ.file) {
        expect(source.split(CLOCK_READ.code)).toHaveLength(2);
        source = source.replace(CLOCK_READ.code, '');
      }
      if (relative === MEDICAL_LINK) source = source.replace(ONE_CALL, '');
      for (const [pattern, what] of BANNED) expect(source, what).not.toMatch(pattern);
    },
  );

  it('reads the endorser clock only to refuse proposals (proposalChecks.ts), nowhere else', () => {
    const readers = files
      .filter((file) => readFileSync(file, 'utf8').includes('endorserClockMs'))
      .map((file) => path.relative(__dirname, file))
      .sort();
    expect(readers).toEqual([CLOCK_READ.file, path.join('shared', 'proposalChecks.ts')]);
  });

  it('makes exactly one cross-channel call: ReadChild on medical, from report/medicalLink.ts', () => {
    const calls = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/invokeChaincode/g)].map(() => path.relative(__dirname, file)),
    );
    expect(calls).toEqual([MEDICAL_LINK]);
    const source = readFileSync(path.join(__dirname, MEDICAL_LINK), 'utf8');
    expect(source).toContain(ONE_CALL);
    expect(source).toContain("const MEDICAL = 'medical';");
  });
});

// What Fabric 2.5 does not check, checked by the chaincode on the real network: certificate expiry on the gateway's
// own organisation's peer, the proposal's timestamp against each endorser's clock, a uid bound to the certificate's
// enrollment id, a schoolId granted only by that school's registration authority, and "not in the future" as the
// latest calendar day on Earth at the transaction time.
import type { Contract, Proposal } from '@hyperledger/fabric-gateway';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orgRegistrarMsp, schoolRegistrarIdentity } from '../../fabric-network/src/identities.ts';
import { schoolAffiliation as networkSchoolAffiliation, type PeerOrgKey } from '../../fabric-network/src/topology.ts';
import { enrollOnce, registerAs, reissueWithExpiry } from '../../fabric-network/test/ca.ts';
import { connectWith, userByUid, type PemIdentity, type UserConnection } from '../../fabric-network/test/fabric.ts';
import { schoolAffiliation, REPORT_ENDORSERS } from '@pediledger/domain';
import { CLOCK_SKEW_BOUND_MS } from '../src/shared/proposalChecks';
import { latestCalendarDay } from '../src/shared/time';
import { refused, runIds, type Session, sessionOf } from './session';

const ids = runIds('idt');
const MINUTE = 60_000;
/** The first page of a ListMy… answer: page size, empty bookmark. */
const PAGE = ['100', ''];
const MSP: Record<PeerOrgKey, string> = { hospital: 'HospitalMSP', parents: 'ParentsMSP', school: 'SchoolMSP' };
const MEMBERS = { medical: ['hospital', 'parents'], report: ['hospital', 'parents', 'school'] } as const;
const connections: UserConnection[] = [];

/** Connects with `identity` through its own organisation's peer (and closes it after the file). */
function connect(identity: PemIdentity, gatewayOrg: PeerOrgKey): UserConnection {
  const connection = connectWith(identity, gatewayOrg);
  connections.push(connection);
  return connection;
}

async function demoIdentity(uid: string): Promise<PemIdentity & { org: PeerOrgKey }> {
  const user = await userByUid(uid);
  return {
    org: user.org,
    mspId: user.mspId,
    certificatePem: readFileSync(user.certPath, 'utf8'),
    keyPem: readFileSync(user.keyPath, 'utf8'),
  };
}

let alice: Session;
let oak: Session;

beforeAll(async () => {
  alice = await sessionOf('ped-alice');
  oak = await sessionOf('admin-oak');
});

afterAll(() => {
  alice.close();
  oak.close();
  for (const connection of connections) connection.close();
});

describe('a certificate that expired a minute ago', () => {
  let expired: UserConnection;

  beforeAll(async () => {
    const original = await demoIdentity('ped-alice');
    const certificatePem = await reissueWithExpiry('hospital', original.certificatePem, new Date(Date.now() - MINUTE));
    expired = connect({ ...original, certificatePem }, 'hospital');
  });

  it("is refused on evaluate through its own organisation's peer, on both channels", async () => {
    for (const channel of ['medical', 'report'] as const) {
      const contract = expired.network(channel).getContract(channel);
      const text = await refused(contract.evaluate('Ping'), 'CERTIFICATE_EXPIRED');
      expect(text).toContain("CERTIFICATE_EXPIRED: the caller's certificate had expired at the transaction time");
    }
    await refused(
      expired.network('medical').getContract('medical').evaluate('ListMyChildren', { arguments: PAGE }),
      'CERTIFICATE_EXPIRED',
    );
  });

  it('is refused on submit', async () => {
    const contract = expired.network('report').getContract('report');
    await refused(contract.submit('PublishDirectoryEntry', { arguments: ['Dr Expired'] }), 'CERTIFICATE_EXPIRED');
  });

  it('while the same user with a valid certificate keeps working', async () => {
    expect(await alice.evaluate('medical', 'ListMyChildren', PAGE)).toMatchObject({
      items: expect.any(Array) as unknown,
    });
  });
});

describe('the proposal timestamp against each endorser clock', () => {
  let parent: UserConnection;

  beforeAll(async () => {
    const emma = await demoIdentity('parent-emma');
    parent = connect(emma, emma.org);
    // An admission request is accepted only from a guardian of the child on medical: emma registers hers there.
    const session = await sessionOf('parent-emma');
    try {
      const agreement = {
        agreementId: ids('agr'),
        childId: ids('child'),
        pediatricianUid: 'ped-alice',
        purpose: 'Primary pediatric care',
        validUntil: new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString(),
        child: { givenName: 'Noa', familyName: 'Berg', birthDate: '2019-09-12', sex: 'female' },
      };
      await session.submit('medical', 'ProposeAgreement', [JSON.stringify(agreement)]);
    } finally {
      session.close();
    }
  });

  /**
   * A proposal stamped `offsetMs` from now, as a client whose clock is that far off would stamp it (fabric-gateway
   * takes the timestamp from the process clock when it builds the proposal; only that instant is shifted here, so
   * TLS and deadlines keep the real time).
   */
  function stamped(
    contract: Contract,
    offsetMs: number,
    name: string,
    options: Parameters<Contract['newProposal']>[1],
  ): Proposal {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + offsetMs });
    try {
      return contract.newProposal(name, options);
    } finally {
      vi.useRealTimers();
    }
  }

  const beyond = CLOCK_SKEW_BOUND_MS + MINUTE;
  const within = CLOCK_SKEW_BOUND_MS - MINUTE;

  it('refuses back-dated and forward-dated proposals beyond the bound on every endorser, with CLOCK_SKEW', async () => {
    for (const channel of ['medical', 'report'] as const) {
      const contract = parent.network(channel).getContract(channel);
      for (const org of MEMBERS[channel]) {
        for (const [offset, direction] of [
          [-beyond, 'behind'],
          [beyond, 'ahead of'],
        ] as const) {
          const proposal = stamped(contract, offset, 'Ping', { endorsingOrganizations: [MSP[org]] });
          const text = await refused(proposal.evaluate(), 'CLOCK_SKEW');
          expect(text, `${channel} on ${org}`).toContain(
            `CLOCK_SKEW: the proposal's timestamp is more than 300 s ${direction} the endorsing peer's clock`,
          );
        }
      }
    }
  });

  it('refuses a back-dated submit beyond the bound, writing nothing', async () => {
    const contract = parent.network('report').getContract('report');
    const requestId = ids('adm-late');
    const proposal = stamped(contract, -beyond, 'CreateAdmissionRequest', {
      arguments: [admission(requestId)],
      endorsingOrganizations: [...REPORT_ENDORSERS.CreateAdmissionRequest],
    });
    await refused(proposal.endorse(), 'CLOCK_SKEW');
    expect(requestIds(await contract.evaluate('ListMyAdmissionRequests', { arguments: PAGE }))).not.toContain(
      requestId,
    );
  });

  it('accepts proposals within the bound, on every endorser, and commits them', async () => {
    for (const channel of ['medical', 'report'] as const) {
      const contract = parent.network(channel).getContract(channel);
      for (const org of MEMBERS[channel]) {
        for (const offset of [-within, within]) {
          const proposal = stamped(contract, offset, 'Ping', { endorsingOrganizations: [MSP[org]] });
          expect(JSON.parse(new TextDecoder().decode(await proposal.evaluate()))).toMatchObject({ channel });
        }
      }
    }
    const contract = parent.network('report').getContract('report');
    const requestId = ids('adm-early');
    const proposal = stamped(contract, -within, 'CreateAdmissionRequest', {
      arguments: [admission(requestId)],
      endorsingOrganizations: [...REPORT_ENDORSERS.CreateAdmissionRequest],
    });
    const status = await (await proposal.endorse()).submit().then((submitted) => submitted.getStatus());
    // Committed as valid is what this checks. The child is not on medical, so the chaincode answers with its
    // refusal (the same whether or not the child exists) and stores no request to list.
    expect(status.successful).toBe(true);
    expect(requestIds(await contract.evaluate('ListMyAdmissionRequests', { arguments: PAGE }))).toContain(requestId);
  });
});

/** A CreateAdmissionRequest argument for parent-emma. */
function admission(requestId: string): string {
  return JSON.stringify({
    requestId,
    childId: ids('child'),
    childGivenName: 'Noa',
    childFamilyName: 'Berg',
    childBirthDate: '2019-09-12',
    schoolId: 'oak-primary',
  });
}

/** The request ids in the first page of a ListMyAdmissionRequests answer (the test's parent has a handful). */
function requestIds(bytes: Uint8Array): string[] {
  const page = JSON.parse(new TextDecoder().decode(bytes)) as { items: { requestId: string }[] };
  return page.items.map((request) => request.requestId);
}

describe('a uid clone minted by a registrar', () => {
  it("is refused: its uid is not the certificate's own enrollment id", async () => {
    const id = ids('alice-clone');
    const secret = await registerAs('hospital', orgRegistrarMsp('hospital'), {
      id,
      attrs: 'uid=ped-alice:ecert,role=pediatrician:ecert',
    });
    const clone = connect(await enrollOnce('hospital', id, secret), 'hospital');
    const text = await refused(
      clone.network('medical').getContract('medical').evaluate('ListMyChildren', { arguments: PAGE }),
      'FORBIDDEN',
    );
    expect(text).toContain("the uid attribute is not the certificate's own enrollment id (hf.EnrollmentID)");
    const report = clone.network('report').getContract('report');
    await refused(report.submit('PublishDirectoryEntry', { arguments: ['Dr Clone'] }), 'FORBIDDEN');
    expect(await alice.evaluate('medical', 'ListMyChildren', PAGE)).toMatchObject({
      items: expect.any(Array) as unknown,
    });
  });
});

describe("a school admin minted by another school's registration authority", () => {
  it("is refused: pine's registrar cannot grant oak-primary", async () => {
    // The network and the chaincode name a school's affiliation the same way.
    expect(networkSchoolAffiliation('oak-primary')).toBe(schoolAffiliation('oak-primary'));
    const id = ids('fake-oak');
    const secret = await registerAs('school', schoolRegistrarIdentity('pine-elementary').mspDir, {
      id,
      attrs: `uid=${id}:ecert,role=school-admin:ecert,schoolId=oak-primary:ecert`,
    });
    const fake = connect(await enrollOnce('school', id, secret), 'school');
    const contract = fake.network('report').getContract('report');
    const text = await refused(contract.evaluate('ListMyReports', { arguments: PAGE }), 'FORBIDDEN');
    expect(text).toContain("the schoolId attribute was not granted by that school's registration authority");
    await refused(contract.submit('PublishDirectoryEntry', { arguments: ['Oak Primary (fake)'] }), 'FORBIDDEN');
    expect(await oak.evaluate('report', 'ListMyReports', PAGE)).toMatchObject({ items: expect.any(Array) as unknown });
  });
});

describe('"not in the future" on the real network', () => {
  it('takes a date that is today somewhere on Earth (UTC+14) and refuses the day after', async () => {
    // The app's user may be in Kiribati, where the day is up to 14 h ahead of UTC: that day is today for them.
    const latest = latestCalendarDay(Date.now());
    // Ten minutes ahead, so the refusal holds even if the transaction's own time crosses UTC+14's midnight.
    const tooLate = latestCalendarDay(Date.now() + 10 * MINUTE + 86_400_000);
    const carla = await sessionOf('parent-carla');
    try {
      const child = { givenName: 'Noa', familyName: 'Rossi', birthDate: latest, sex: 'female' };
      const agreement = (name: string, birthDate: string): string =>
        JSON.stringify({
          agreementId: ids(`agr-${name}`),
          childId: ids(`child-${name}`),
          pediatricianUid: 'ped-alice',
          purpose: 'Newborn care',
          validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
          child: { ...child, birthDate },
        });
      await carla.submit('medical', 'ProposeAgreement', [agreement('today', latest)]);
      const text = await refused(
        carla.submit('medical', 'ProposeAgreement', [agreement('tomorrow', tooLate)]),
        'INVALID_ARGUMENT',
      );
      expect(text).toContain('agreementJson.child.birthDate: is in the future');
    } finally {
      carla.close();
    }
  });
});

import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror.js';
import { describe, expect, it } from 'vitest';
import { allErrorCodes, chaincodeErrorCodes as ERROR_CODES } from '@pediledger/domain';
import { toSerializableError } from '../../../shared/errors.ts';
import { isUnreachable, technicalText, toFabricError } from './errorMapping.ts';

const caller = { mspId: 'HospitalMSP', notAfter: '2026-11-29T21:29:00.000Z' };
const call = { transactionName: 'ListMyChildren', caller };

/** A gateway error as fabric-gateway builds it from the peer's gRPC status (message, per-endorser details). */
function gatewayError(code: number, message: string, details: string[] = []): GatewayError {
  return new GatewayError({
    code,
    message: `${String(code)} ${GrpcStatus[code] ?? ''}: ${message}`,
    details: details.map((text, index) => ({
      address: `peer${String(index)}:7051`,
      mspId: 'HospitalMSP',
      message: text,
    })),
    cause: new Error(message) as ServiceError,
  });
}

describe('toFabricError: refusals of the identity or of the clock', () => {
  it('knows every chaincode code as part of the one error vocabulary (domain/src/errorCodes.ts)', () => {
    for (const code of ERROR_CODES) expect(allErrorCodes, code).toContain(code);
  });

  it('recognises every chaincode code as coded, the new ones included', () => {
    for (const code of ERROR_CODES) {
      const reason = code === 'CLOCK_SKEW' ? "the proposal's timestamp is more than 300 s behind" : 'because';
      const error = toSerializableError(
        toFabricError(gatewayError(GrpcStatus.UNKNOWN, `chaincode response 500, ${code}: ${reason}`), call),
      );
      expect(error.code, code).not.toBe('GATEWAY_FAILURE');
    }
  });

  it('turns CERTIFICATE_EXPIRED into IDENTITY_EXPIRED: since when, and that a new one-time secret is needed', () => {
    const refusal = gatewayError(
      GrpcStatus.UNKNOWN,
      "evaluate call to endorser returned error: chaincode response 500, CERTIFICATE_EXPIRED: the caller's certificate had expired at the transaction time",
    );
    const error = toSerializableError(toFabricError(refusal, call));
    expect(error).toEqual({
      code: 'IDENTITY_EXPIRED',
      message:
        'Your certificate (HospitalMSP) expired on 2026-11-29T21:29:00.000Z, so the network refuses it. Ask your administrator for a new one-time secret, then enroll again.',
      details: { mspId: 'HospitalMSP', notAfter: caller.notAfter, transaction: 'ListMyChildren' },
    });
  });

  it("also reads another organisation's expiry filter (ExpirationCheck) as expired", () => {
    const refusal = gatewayError(GrpcStatus.ABORTED, 'failed to collect enough transaction endorsements', [
      'rpc error: code = Unknown desc = proposal client identity expired',
    ]);
    expect(toFabricError(refusal, { ...call, txId: 'a'.repeat(64) }).code).toBe('IDENTITY_EXPIRED');
  });

  it('turns the endorser\'s "creator org [MSP]" refusal into IDENTITY_REVOKED, naming the organisation', () => {
    const evaluate = gatewayError(
      GrpcStatus.FAILED_PRECONDITION,
      'evaluate call to endorser returned error: error validating proposal: access denied: channel [medical] creator org [HospitalMSP]',
    );
    const endorse = gatewayError(
      GrpcStatus.ABORTED,
      'failed to endorse transaction, see attached details for more info',
      ['error validating proposal: access denied: channel [report] creator org [HospitalMSP]'],
    );
    for (const refusal of [evaluate, endorse]) {
      const error = toSerializableError(toFabricError(refusal, call));
      expect(error.code).toBe('IDENTITY_REVOKED');
      expect(error.message).toBe(
        'Your identity has been revoked by your organisation (HospitalMSP): the network no longer accepts its certificate. Ask your administrator for a new one-time secret, then enroll again.',
      );
      expect(error.details).toMatchObject({ mspId: 'HospitalMSP' });
    }
  });

  it('leaves an org that is not a channel member ("creator org unknown") and ACL refusals alone', () => {
    const unknown = gatewayError(
      GrpcStatus.FAILED_PRECONDITION,
      'error validating proposal: access denied: channel [medical] creator org unknown, creator is malformed',
    );
    expect(toFabricError(unknown, call).code).toBe('ENDORSEMENT_REFUSED');
  });

  it('turns CLOCK_SKEW into a plain statement of which way this computer clock is off, and by more than what', () => {
    for (const [direction, expected] of [
      ['behind', 'slow'],
      ['ahead of', 'fast'],
    ] as const) {
      const refusal = gatewayError(
        GrpcStatus.UNKNOWN,
        `chaincode response 500, CLOCK_SKEW: the proposal's timestamp is more than 300 s ${direction} the endorsing peer's clock`,
      );
      const error = toSerializableError(toFabricError(refusal, call));
      expect(error.code).toBe('CLOCK_SKEW');
      expect(error.message).toBe(
        `This computer's clock is more than 5 minutes ${expected} compared with the network's, so the network refused the request. Set the date and time automatically (or correct them), then try again. Nothing was changed.`,
      );
      expect(error.details).toMatchObject({ direction: expected, boundSeconds: 300 });
    }
  });

  it('keeps the other coded refusals as ENDORSEMENT_REFUSED with their code', () => {
    const refusal = gatewayError(GrpcStatus.UNKNOWN, 'chaincode response 500, FORBIDDEN: only a parent may do this');
    const error = toSerializableError(toFabricError(refusal, call));
    expect(error).toMatchObject({ code: 'ENDORSEMENT_REFUSED', details: { chaincodeCode: 'FORBIDDEN' } });
  });
});

describe('toFabricError: another organisation missing is not "you are offline"', () => {
  const write = { transactionName: 'AddGuardian', caller };

  it('names the organisations the gateway could not reach, says nothing was recorded, and keeps the gateway', () => {
    const error = gatewayError(GrpcStatus.UNAVAILABLE, 'failed to find any endorsing peers for org(s): ParentsMSP');
    expect(isUnreachable(error)).toBe(false);
    const mapped = toSerializableError(toFabricError(error, write));
    expect(mapped.code).toBe('ENDORSING_ORG_UNAVAILABLE');
    expect(mapped.message).toBe(
      'AddGuardian needs the endorsement of ParentsMSP, whose peer the network cannot reach right now. Nothing was sent to the ledger.',
    );
    expect(mapped.details).toMatchObject({ orgs: ['ParentsMSP'] });
  });

  it('reads several organisations; the planner\'s "no combination" answer is the network settling', () => {
    const two = gatewayError(
      GrpcStatus.UNAVAILABLE,
      'failed to find any endorsing peers for org(s): ParentsMSP, SchoolMSP',
    );
    expect(toSerializableError(toFabricError(two, write)).details).toMatchObject({ orgs: ['ParentsMSP', 'SchoolMSP'] });
    const none = gatewayError(
      GrpcStatus.UNAVAILABLE,
      'no combination of peers can be derived which satisfy the endorsement policy: required chaincodes are not installed',
    );
    expect(isUnreachable(none)).toBe(false);
    const mapped = toSerializableError(toFabricError(none, write));
    expect(mapped.code).toBe('NETWORK_SETTLING');
    expect(mapped.message).toBe('AddGuardian: the network is still reconnecting its peers. Nothing was recorded.');
    expect(mapped.details).toMatchObject({ technical: [none.message] });
  });

  it('still calls a gateway that does not answer at all offline', () => {
    const silent = gatewayError(GrpcStatus.UNAVAILABLE, 'No connection established');
    expect(isUnreachable(silent)).toBe(true);
    expect(toSerializableError(toFabricError(silent, write)).code).toBe('NETWORK_OFFLINE');
  });
});

/** The gateway error classes as fabric-gateway's client builds them, with the gRPC status line as message. */
function shaped<E extends GatewayError>(
  Kind: new (properties: ConstructorParameters<typeof EndorseError>[0]) => E,
  code: number,
  message: string,
  details: { mspId: string; address: string; message: string }[] = [],
): E {
  return new Kind({
    code,
    message: `${String(code)} ${GrpcStatus[code] ?? ''}: ${message}`,
    details,
    cause: new Error(message) as ServiceError,
    transactionId: TX,
  });
}

const TX = 'b'.repeat(64);
const approve = { transactionName: 'ApproveReport', caller, txId: TX };
const RAW = /\d+ [A-Z_]+:|rpc error|see attached details/;

/** Maps `error`, checks the code and that the user-facing message carries no gRPC text, returns the DTO. */
function mapped(
  error: unknown,
  code: string,
  call: Parameters<typeof toFabricError>[1] = approve,
): ReturnType<typeof toSerializableError> {
  const dto = toSerializableError(toFabricError(error, call));
  expect(dto.code).toBe(code);
  expect(dto.message).not.toMatch(RAW);
  return dto;
}

describe('toFabricError: every code a gateway status can reach names the party, and keeps raw text in details', () => {
  it('ENDORSER_FAILED: ABORTED with the failing endorser named (School peer down for ApproveReport)', () => {
    const error = shaped(
      EndorseError,
      GrpcStatus.ABORTED,
      'failed to collect enough transaction endorsements, see attached details for more info',
      [
        {
          mspId: 'SchoolMSP',
          address: 'peer0.school.pediledger.local:9051',
          message:
            'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:9051: connect: connection refused"',
        },
      ],
    );
    expect(isUnreachable(error)).toBe(false);
    const dto = mapped(error, 'ENDORSER_FAILED');
    expect(dto.message).toBe(
      'ApproveReport: the peer of SchoolMSP did not endorse it (down or unreachable). Nothing was recorded.',
    );
    expect(dto.txId).toBe(TX);
    expect(dto.details).toMatchObject({ orgs: ['SchoolMSP'], technical: technicalText(error) });
    expect(JSON.stringify(dto.details)).toContain('connection refused');
  });

  it('CHAINCODE_UNAVAILABLE: the peer timed out executing, could not launch it, or the gateway’s own deadline passed', () => {
    const executing = shaped(
      EndorseError,
      GrpcStatus.ABORTED,
      'failed to collect enough transaction endorsements, see attached details for more info',
      [
        {
          mspId: 'HospitalMSP',
          address: 'peer0.hospital.pediledger.local:7051',
          message:
            'chaincode response 500, error in simulation: failed to execute transaction abc: timeout expired while executing transaction',
        },
      ],
    );
    const launch = shaped(
      GatewayError,
      GrpcStatus.UNKNOWN,
      'evaluate call to endorser returned error: error in simulation: failed to execute transaction abc: could not launch chaincode medical_1.0:123: connection refused',
    );
    const endorseDeadline = shaped(
      EndorseError,
      GrpcStatus.DEADLINE_EXCEEDED,
      'endorsement timeout expired while collecting endorsements',
    );
    const evaluateDeadline = shaped(GatewayError, GrpcStatus.DEADLINE_EXCEEDED, 'evaluate timeout expired');
    for (const error of [executing, launch, endorseDeadline, evaluateDeadline]) {
      expect(isUnreachable(error), error.message).toBe(false);
      expect(mapped(error, 'CHAINCODE_UNAVAILABLE').message).toBe(
        'ApproveReport: the chaincode service did not answer in time. Nothing was recorded.',
      );
    }
  });

  it('ORDERING_SERVICE_UNAVAILABLE: no orderer available, or every orderer refused; not a reason to fail over', () => {
    const none = shaped(SubmitError, GrpcStatus.UNAVAILABLE, 'no orderer nodes available');
    const refused = shaped(SubmitError, GrpcStatus.ABORTED, 'received unsuccessful response from orderer', [
      {
        mspId: 'OrdererMSP',
        address: 'orderer0:7050',
        message: 'received unsuccessful response from orderer: status=SERVICE_UNAVAILABLE, info=no Raft leader',
      },
    ]);
    for (const error of [none, refused]) {
      expect(isUnreachable(error)).toBe(false);
      expect(mapped(error, 'ORDERING_SERVICE_UNAVAILABLE').message).toBe(
        'ApproveReport: the ordering service did not take the change. Nothing was recorded.',
      );
    }
  });

  it('a broadcast that timed out is not called unavailable (the orderer may have it: the submitter re-checks)', () => {
    const timeout = shaped(
      SubmitError,
      GrpcStatus.DEADLINE_EXCEEDED,
      'submit timeout expired while broadcasting to ordering service',
    );
    expect(isUnreachable(timeout)).toBe(false);
    expect(toFabricError(timeout, approve).code).not.toBe('ORDERING_SERVICE_UNAVAILABLE');
  });

  it('NETWORK_SETTLING: "no combination of peers can be derived" right after a peer restart', () => {
    const error = shaped(
      EndorseError,
      GrpcStatus.UNAVAILABLE,
      'no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy',
    );
    expect(isUnreachable(error)).toBe(false);
    mapped(error, 'NETWORK_SETTLING');
  });

  it('ENDORSING_ORG_UNAVAILABLE, ENDORSEMENT_REFUSED and NOT_FOUND keep their meaning', () => {
    mapped(
      shaped(EndorseError, GrpcStatus.UNAVAILABLE, 'failed to find any endorsing peers for org(s): SchoolMSP'),
      'ENDORSING_ORG_UNAVAILABLE',
    );
    const lagging = shaped(
      EndorseError,
      GrpcStatus.ABORTED,
      'failed to collect enough transaction endorsements, see attached details for more info',
      [
        {
          mspId: 'ParentsMSP',
          address: 'peer0.parents:8051',
          message: 'chaincode response 500, NOT_FOUND: report r-1 does not exist',
        },
      ],
    );
    expect(toFabricError(lagging, approve)).toMatchObject({ code: 'ENDORSEMENT_REFUSED', chaincodeCode: 'NOT_FOUND' });
  });

  it('NETWORK_OFFLINE: the client could not reach its gateway at all; the message has no gRPC text', () => {
    const dropped = shaped(CommitStatusError, GrpcStatus.UNAVAILABLE, 'Connection dropped');
    expect(isUnreachable(dropped)).toBe(true);
    const dto = mapped(dropped, 'NETWORK_OFFLINE');
    expect(dto.details).toMatchObject({ technical: [dropped.message] });
  });

  it('COMMIT_FAILED: the validation code by name', () => {
    const error = new CommitError({
      code: StatusCode.ENDORSEMENT_POLICY_FAILURE,
      transactionId: TX,
      message: 'invalid',
    });
    expect(mapped(error, 'COMMIT_FAILED').details).toMatchObject({ validationCodeName: 'ENDORSEMENT_POLICY_FAILURE' });
  });

  it('GATEWAY_FAILURE: anything else, its gRPC text only in details', () => {
    const odd = shaped(GatewayError, GrpcStatus.INTERNAL, 'failed to assemble transaction: something odd');
    const dto = mapped(odd, 'GATEWAY_FAILURE');
    expect(dto.message).toBe('ApproveReport failed in the network.');
    expect(dto.details).toMatchObject({ grpcCode: GrpcStatus.INTERNAL, technical: [odd.message] });
  });
});

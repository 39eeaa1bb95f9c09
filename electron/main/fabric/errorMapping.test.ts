import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { allErrorCodes, chaincodeErrorCodes as ERROR_CODES } from '@pediledger/domain';
import { toSerializableError } from '../../../shared/errors.ts';
import { isUnreachable, toFabricError } from './errorMapping.ts';

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
  it('knows every chaincode code as part of the one error vocabulary (shared/errorCodes.ts)', () => {
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

  it('reads several organisations, and the planner\'s "no combination" answer without names', () => {
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
    expect(mapped.code).toBe('ENDORSING_ORG_UNAVAILABLE');
    expect(mapped.message).toContain('needs the endorsement of another organisation');
  });

  it('still calls a gateway that does not answer at all offline', () => {
    const silent = gatewayError(GrpcStatus.UNAVAILABLE, 'No connection established');
    expect(isUnreachable(silent)).toBe(true);
    expect(toSerializableError(toFabricError(silent, write)).code).toBe('NETWORK_OFFLINE');
  });
});

import type { Context } from 'fabric-contract-api';

/** The three kinds of PediLedger user, as carried in the `role` attribute of an enrollment certificate. */
export type Role = 'pediatrician' | 'parent' | 'school-admin';

/** Who is calling, read only from the client certificate (never from transaction arguments). */
export interface Caller {
  mspId: string;
  uid: string | null;
  role: string | null;
  schoolId: string | null;
}

/** Reads the caller's MSP ID and PediLedger attributes from the transaction creator's certificate. */
export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  return {
    mspId: identity.getMSPID(),
    uid: identity.getAttributeValue('uid'),
    role: identity.getAttributeValue('role'),
    schoolId: identity.getAttributeValue('schoolId'),
  };
}

import type { Context } from 'fabric-contract-api';

// Key design for the medical channel. Every attribute is a schema-validated id (never free text), because the Node
// shim joins attributes with U+0000 without checking them.

/** Object types of records and indexes. */
export const MEDICAL_TYPES = {
  child: 'child',
  card: 'card',
  agreement: 'agreement',
  /** guardian uid → child id: ListMyChildren for parents. */
  guardianChild: 'guardian~child',
  /** child id → agreement id: every agreement of a child (access checks, ListMyAgreements for parents). */
  childAgreement: 'child~agreement',
  /** pediatrician uid → agreement id: ListMyAgreements and ListMyChildren for pediatricians. */
  pediatricianAgreement: 'pediatrician~agreement',
} as const;

/** Builds the keys of the medical chaincode. */
export const medicalKeys = {
  child: (ctx: Context, childId: string): string => ctx.stub.createCompositeKey(MEDICAL_TYPES.child, [childId]),
  card: (ctx: Context, childId: string): string => ctx.stub.createCompositeKey(MEDICAL_TYPES.card, [childId]),
  agreement: (ctx: Context, agreementId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.agreement, [agreementId]),
  guardianChild: (ctx: Context, uid: string, childId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.guardianChild, [uid, childId]),
  childAgreement: (ctx: Context, childId: string, agreementId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.childAgreement, [childId, agreementId]),
  pediatricianAgreement: (ctx: Context, uid: string, agreementId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.pediatricianAgreement, [uid, agreementId]),
};

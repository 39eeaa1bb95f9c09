// Which organizations a client must ask to endorse each transaction (fabric-gateway `endorsingOrganizations`).
// Policies: medical = AND(Hospital, Parents); report = MAJORITY of Hospital, Parents, School, and
// `reportBodies` additionally requires AND(Hospital, Parents) for its keys; School's implicit collection requires
// School. Evaluated (read-only) transactions go to the caller's own org's peer (the gateway's default), which
// holds the private data that caller may read. Where private data is involved the list is not a convenience but the privacy boundary: the transient
// report body is sent to exactly these peers.

/** The MSP ids of the three PediLedger organizations. */
export type MspId = 'HospitalMSP' | 'ParentsMSP' | 'SchoolMSP';

/** `null` means "let the gateway choose" (any set satisfying the chaincode policy; no private data involved). */
export type EndorsingOrgs = readonly MspId[] | null;

const HOSPITAL_AND_PARENTS: readonly MspId[] = ['HospitalMSP', 'ParentsMSP'];
const PARENTS_AND_SCHOOL: readonly MspId[] = ['ParentsMSP', 'SchoolMSP'];

/** Submitted transactions of the `medical` chaincode: every one needs both organizations of the channel. */
export const MEDICAL_ENDORSERS = {
  ProposeAgreement: HOSPITAL_AND_PARENTS,
  AcceptAgreement: HOSPITAL_AND_PARENTS,
  DeclineAgreement: HOSPITAL_AND_PARENTS,
  TerminateAgreement: HOSPITAL_AND_PARENTS,
  AddGuardian: HOSPITAL_AND_PARENTS,
  SetGestationalAge: HOSPITAL_AND_PARENTS,
  RecordMeasurement: HOSPITAL_AND_PARENTS,
  RecordImmunization: HOSPITAL_AND_PARENTS,
  RecordAllergy: HOSPITAL_AND_PARENTS,
  RecordCondition: HOSPITAL_AND_PARENTS,
  AddVisitNote: HOSPITAL_AND_PARENTS,
} as const satisfies Record<string, EndorsingOrgs>;

/** Submitted transactions of the `report` chaincode. */
export const REPORT_ENDORSERS = {
  /** Reads the child on `medical` (only Hospital's and Parents' peers hold it); a refusal writes `reportBodies`. */
  CreateAdmissionRequest: HOSPITAL_AND_PARENTS,
  DecideAdmissionRequest: null,
  WithdrawAdmissionRequest: null,
  CreateReportRequest: null,
  DeclineReportRequest: null,
  /** Carries the body in transient data: School's peer must not receive it. */
  CreateReport: HOSPITAL_AND_PARENTS,
  /** Carries the replacement body in transient data, as CreateReport. */
  ReplaceReport: HOSPITAL_AND_PARENTS,
  /** Carries the body in transient data and writes School's implicit collection, which only School can endorse. */
  ApproveReport: PARENTS_AND_SCHOOL,
  /** Purges from School's implicit collection, which only School can endorse. */
  RevokeReportPermission: PARENTS_AND_SCHOOL,
  OpenReport: null,
  /**
   * Public directory writes, no private data: any MAJORITY set will do. The gateway picks it (the harness simulates
   * the caller's own org plus one other); the caller may be Hospital or School, so no fixed list would fit both.
   */
  PublishDirectoryEntry: null,
  WithdrawDirectoryEntry: null,
} as const satisfies Record<string, EndorsingOrgs>;

/**
 * Private data collections of the `report` chaincode (the definitions are in `deploy/report/collections.json`).
 */

/** Report bodies as the hospital issued them: members Hospital and Parents, never School. */
export const REPORT_BODIES_COLLECTION = 'reportBodies';

/**
 * School's implicit org collection: only School's peer stores it, and only School's peer can endorse writes to it.
 * A report body is copied here when a guardian approves it for a school, and purged when the last permission is
 * revoked.
 */
export const SCHOOL_COLLECTION = '_implicit_org_SchoolMSP';

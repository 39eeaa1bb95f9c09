// The contract's enrollment:* entries, served by the EnrollmentService.
import type { Handlers } from '../ipc/handlers.ts';
import type { EnrollmentService } from './enrollmentService.ts';

/** The handlers of the enrollment entries. */
export type EnrollmentHandlers = Pick<Handlers, 'enrollment:caInfo' | 'enrollment:enroll' | 'enrollment:importPem'>;

/**
 * Asks an organisation's CA about itself, enrolls with a one-time secret and imports PEM credentials. The secret and
 * the private key arrive already validated by the contract's schemas and are never returned or logged: a refusal by
 * the CA comes back as `ENROLLMENT_FAILED` with the CA's own error code.
 */
export function createEnrollmentHandlers(enrollment: EnrollmentService): EnrollmentHandlers {
  return {
    'enrollment:caInfo': ({ org }) => enrollment.caInfo(org),
    'enrollment:enroll': (args) => enrollment.enroll(args),
    'enrollment:importPem': (args) => enrollment.importPem(args),
  };
}

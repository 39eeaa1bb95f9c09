// Refusals main makes itself before asking the other channel: a reader who is not a party of a record gets the same
// `FORBIDDEN` code the chaincode would give, without main reading anything on their behalf.
import { errorCodes } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';

/** The caller is not a party of `what` (a report's guardians or issuing pediatrician, or a child's readers). */
export class NotAPartyError extends AppError {
  override name = 'NotAPartyError';
  constructor(what: string) {
    super(errorCodes.forbidden, `FORBIDDEN: only its guardians and pediatrician may see this about ${what}`, {
      details: { what },
    });
  }
}

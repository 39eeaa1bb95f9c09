/**
 * Retries `step` every 250 ms until it succeeds, for at most two minutes (generous for a busy machine), then throws
 * its last error. For steps that go through different organisations' gateways one after the other: a peer that has
 * not yet committed the previous block refuses a write (NOT_FOUND, FORBIDDEN) or answers an older read. A refused
 * endorsement wrote nothing, so trying again is safe (and the workflow reconciles a write whose outcome was lost).
 */
export async function eventually<T>(step: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

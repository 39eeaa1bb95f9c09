// Groups the items an async iterable has ready at once. fabric-gateway's chaincode-event iterator yields the events
// of one gateway response (one block) one by one without waiting in between, then waits for the network; a batch is
// what arrived together, so the app asks the chaincode once per block rather than once per event.
import { setImmediate as nextMacrotask } from 'node:timers/promises';

const WAITING = Symbol('waiting');

/**
 * Yields the items of `source` in batches of at most `maxSize`: a batch ends when the next item is not ready before
 * the event loop's next turn (it would have to come from the network), or when it is full. Items keep their order;
 * none is dropped or repeated. An error of `source` is thrown after the batch before it has been yielded.
 */
export async function* readyBatches<T>(source: AsyncIterable<T>, maxSize: number): AsyncGenerator<T[], void> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | null = null;
  const next = (): Promise<IteratorResult<T>> => {
    const promise = iterator.next();
    // Handled here too, so a stream closed while a batch is out does not surface as an unhandled rejection.
    promise.catch(() => undefined);
    return promise;
  };
  try {
    for (;;) {
      const first = await (pending ?? next());
      pending = null;
      if (first.done === true) return;
      const batch = [first.value];
      let ended = false;
      while (batch.length < maxSize) {
        pending = next();
        let step: IteratorResult<T> | typeof WAITING;
        try {
          step = await Promise.race([pending, nextMacrotask(WAITING)]);
        } catch (error) {
          // The source failed: deliver what arrived before the failure, then report it.
          yield batch;
          throw error;
        }
        if (step === WAITING) break;
        pending = null;
        if (step.done === true) {
          ended = true;
          break;
        }
        batch.push(step.value);
      }
      yield batch;
      if (ended) return;
    }
  } finally {
    // Ends the source. While a read is still out (the consumer stopped mid-wait), a generator source finishes that
    // read first; the caller closes a network stream itself (NotificationService.stop), so this does not wait for it.
    const ending = iterator.return?.();
    if (pending === null) await ending;
    else ending?.catch(() => undefined);
  }
}

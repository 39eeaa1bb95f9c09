// Admission requests: a parent applies to a school, the school accepts or rejects.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed } from 'vue';
import type { ArgsOf } from '../../../../shared/ipc/api.ts';
import type { Committed } from '../../../../shared/ipc/dto/workflow.ts';
import type { IpcResult } from '../../../../shared/ipc/result.ts';
import type { AdmissionRecord } from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';
import { useLoadable } from '../../lib/loadable.ts';
import { submitWrite } from '../../lib/write.ts';

export type AdmissionForm = ArgsOf<'admission:create'>['input'];

export const useAdmissionsStore = defineStore('admissions', () => {
  const list = useLoadable<AdmissionRecord[]>(() => []);

  const submitted = computed(() => list.data.value.filter((admission) => admission.status === 'submitted'));
  const byId = computed(() => new Map(list.data.value.map((admission) => [admission.requestId, admission])));

  async function load(): Promise<void> {
    await list.run(() => request(() => window.api['admissions:listMine']()));
  }

  async function write(call: () => Promise<IpcResult<Committed<AdmissionRecord>>>): Promise<string> {
    const committed = await submitWrite(call);
    const admission = committed.value;
    list.data.value = [...list.data.value.filter((known) => known.requestId !== admission.requestId), admission];
    return committed.txId;
  }

  /** A guardian applies to a school. */
  function apply(input: AdmissionForm): Promise<string> {
    return write(() => window.api['admission:create']({ input }));
  }

  /** A school admin accepts, or rejects with a reason. */
  function decide(requestId: string, decision: 'accept' | 'reject', reason?: string): Promise<string> {
    return write(() =>
      window.api['admission:decide']({ requestId, decision, ...(reason === undefined ? {} : { reason }) }),
    );
  }

  function withdraw(requestId: string): Promise<string> {
    return write(() => window.api['admission:withdraw']({ requestId }));
  }

  return {
    items: list.data,
    loading: list.loading,
    loaded: list.loaded,
    error: list.error,
    submitted,
    byId,
    load,
    apply,
    decide,
    withdraw,
    reset: list.reset,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAdmissionsStore, import.meta.hot));

// Care agreements between a child's guardians and a pediatrician.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed } from 'vue';
import type { ArgsOf } from '../../../../shared/ipc/api.ts';
import type { Committed } from '../../../../shared/ipc/dto/workflow.ts';
import type { IpcResult } from '../../../../shared/ipc/result.ts';
import type { AgreementRecord } from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';
import { useLoadable } from '../../lib/loadable.ts';
import { submitWrite } from '../../lib/write.ts';

export type ProposeAgreementForm = ArgsOf<'agreement:propose'>['input'];

export const useAgreementsStore = defineStore('agreements', () => {
  const list = useLoadable<AgreementRecord[]>(() => []);

  const proposed = computed(() => list.data.value.filter((agreement) => agreement.status === 'proposed'));
  const active = computed(() => list.data.value.filter((agreement) => agreement.status === 'active'));

  async function load(): Promise<void> {
    await list.run(() => request(() => window.api['agreements:listMine']()));
  }

  function upsert(agreement: AgreementRecord): void {
    list.data.value = [...list.data.value.filter((known) => known.agreementId !== agreement.agreementId), agreement];
  }

  async function write(
    call: () => Promise<IpcResult<Committed<AgreementRecord>>>,
  ): Promise<{ txId: string; agreement: AgreementRecord }> {
    const { txId, value: agreement } = await submitWrite(call);
    upsert(agreement);
    return { txId, agreement };
  }

  /** A parent proposes an agreement (registering the child when `child` is given). */
  function propose(input: ProposeAgreementForm): Promise<{ txId: string; agreement: AgreementRecord }> {
    return write(() => window.api['agreement:propose']({ input }));
  }

  /** The pediatrician accepts; the child's card is created on first acceptance. */
  function accept(agreementId: string): Promise<{ txId: string; agreement: AgreementRecord }> {
    return write(() => window.api['agreement:accept']({ agreementId }));
  }

  function decline(agreementId: string, reason: string): Promise<{ txId: string; agreement: AgreementRecord }> {
    return write(() => window.api['agreement:decline']({ agreementId, reason }));
  }

  function terminate(agreementId: string): Promise<{ txId: string; agreement: AgreementRecord }> {
    return write(() => window.api['agreement:terminate']({ agreementId }));
  }

  return {
    items: list.data,
    loading: list.loading,
    loaded: list.loaded,
    error: list.error,
    proposed,
    active,
    load,
    propose,
    accept,
    decline,
    terminate,
    reset: list.reset,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAgreementsStore, import.meta.hot));

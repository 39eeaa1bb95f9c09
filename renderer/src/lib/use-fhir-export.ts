// "Export FHIR" on a card or a report page: the export (main reads the record again with this identity, so the
// chaincode decides what goes in), what the user is told once it is saved, and why it failed.
import { mdiCodeJson } from '@mdi/js';
import type { Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { IpcErrorDto } from '../../../shared/ipc/errors.ts';
import type { PageAction } from '../components/page.ts';
import { useToastStore } from '../stores/toast.ts';
import { fhirFileName, type FhirExportOutcome } from './fhir-export.ts';
import { useAction } from './use-action.ts';

export interface FhirExport {
  /** Why the last export failed; null when it did not. */
  readonly error: Ref<IpcErrorDto | null>;
  /** The page header's button: `testid` names it, `disabled` while there is nothing loaded to export. */
  action: (testid: string, disabled: boolean) => PageAction;
}

/**
 * The export of the record `id()` through `save` (`exportCardFhir` or `exportReportFhir`); the suggested file name
 * carries the child's name when it is known.
 */
export function useFhirExport(
  save: (id: string, suggestedFileName: string) => Promise<FhirExportOutcome>,
  id: () => string,
  child: () => { readonly givenName: string; readonly familyName: string } | null | undefined,
): FhirExport {
  const { t } = useI18n();
  const toast = useToastStore();
  const exporting = useAction();

  async function run(): Promise<void> {
    const named = child();
    const name = named == null ? null : `${named.givenName} ${named.familyName}`;
    const outcome = await exporting.run(() => save(id(), fhirFileName(t('fhir.fileName'), name, id())));
    if (outcome?.saved === 'path') toast.show(t('fhir.saved', { path: outcome.path }), 'success');
    if (outcome?.saved === 'download') toast.show(t('fhir.downloaded'), 'success');
  }

  return {
    error: exporting.error,
    action: (testid, disabled) => ({
      id: testid,
      label: t('fhir.export'),
      icon: mdiCodeJson,
      variant: 'text',
      disabled,
      loading: exporting.busy.value,
      run: () => void run(),
    }),
  };
}

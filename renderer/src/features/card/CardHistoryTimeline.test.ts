// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { cardEntryRecord, cardRecord, installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { mountWithApp } from '../../testing/mount.ts';
import CardHistoryTimeline from './CardHistoryTimeline.vue';
import { cardHistoryItems } from './card-history.ts';
import { useCardStore } from './card-store.ts';

// The History tab on a card that has grown for years: 2,000 entries, served as the chaincode serves them (pages of 100,
// newest first). The timeline shows the newest page at once and older ones on request, down to the card's creation.

const ENTRIES = 2000;
const PAGE = 100;
let fake: FakeApi;

/** Entry `n` (0 = oldest), recorded a minute after entry n - 1. */
function entry(n: number): Record<string, unknown> {
  const at = new Date(Date.UTC(2010, 0, 1) + n * 60_000).toISOString();
  return cardEntryRecord('measurement', { date: at.slice(0, 10), weightKg: 3 + n / 100 }, n + 2, at);
}

/** Serves card:history page by page from a 2,000-entry card, like GetMedicalCardHistory. */
function serveHistory(): void {
  const newestFirst = Array.from({ length: ENTRIES }, (_, i) => entry(ENTRIES - 1 - i));
  fake.answer('card:history', (args: unknown) => {
    const bookmark = (args as { bookmark?: string }).bookmark;
    const start = bookmark === undefined ? 0 : Number(bookmark.replace('page-', ''));
    return {
      items: newestFirst.slice(start, start + PAGE),
      bookmark: start + PAGE < ENTRIES ? `page-${String(start + PAGE)}` : '',
    };
  });
}

const Tab = defineComponent({
  setup() {
    const card = useCardStore();
    return () =>
      card.card === null
        ? null
        : h(CardHistoryTimeline, {
            entries: card.history,
            card: card.card,
            bookmark: card.historyBookmark,
            loading: card.historyLoading,
            onMore: () => void card.loadMoreHistory(),
          });
  },
});

beforeEach(() => {
  fake = installFakeApi();
});

describe('the History tab on a 2,000-entry card', () => {
  it('shows the newest page at once and older pages on request, each one request, down to the card’s creation', async () => {
    fake.answer('card:read', cardRecord({ version: ENTRIES + 1, txId: tx(ENTRIES + 1) }));
    serveHistory();
    const wrapper = mountWithApp(Tab);
    const card = useCardStore();
    await card.load('child-1');
    await card.loadHistory('child-1');
    await flushPromises();
    const items = (): number => wrapper.findAll('.v-timeline-item').length;
    expect(items()).toBe(PAGE);
    expect(wrapper.text()).toContain(`Version ${String(ENTRIES + 1)}`);
    await wrapper.find('[data-testid="card-history-more"]').trigger('click');
    await flushPromises();
    expect(items()).toBe(2 * PAGE);
    expect(wrapper.text()).toContain(`Version ${String(ENTRIES + 1 - 2 * PAGE + 1)}`);
    // The rest through the store (rendering 2,000 timeline items in happy-dom would only time the DOM emulator).
    wrapper.unmount();
    while (card.historyBookmark !== '') await card.loadMoreHistory();
    expect(card.history).toHaveLength(ENTRIES);
    expect(new Set(card.history.map((e) => e.entryId)).size).toBe(ENTRIES);
    const all = cardHistoryItems(card.history, card.card ?? { version: 0, created: null }, true);
    expect(all.map((item) => item.version).slice(-3)).toEqual([3, 2, 1]);
    expect(all.at(-1)?.change).toBeNull();
    // One request per page, each with the previous page's bookmark.
    expect(fake.calls.filter((call) => call.channel === 'card:history')).toHaveLength(ENTRIES / PAGE);
  }, 60_000);
});

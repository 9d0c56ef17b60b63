import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, nothing } from 'lit';
import type { Observation } from 'fhir/r4';
import { PagedList, type FhirClient, type ListPage } from '../../packages/core/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { until } from '../helpers/element.js';

/** A list whose pages come from the functions a test hands it; the element shows the items and the end of the list. */
class PagedTestList extends LitElement {
  static override properties = { source: { attribute: false } };
  source = 'a';
  pager!: {
    first: (source: string, signal: AbortSignal) => Promise<ListPage<{ id: string }> | undefined>;
    next: (link: string, signal: AbortSignal) => Promise<ListPage<{ id: string }>>;
    pageSize?: number;
  };
  list?: PagedList<{ id: string }, readonly [string]>;

  override connectedCallback(): void {
    this.list ??= new PagedList<{ id: string }, readonly [string]>(this, {
      args: () => [this.source],
      first: ([source], signal) => this.pager.first(source, signal),
      next: (link, signal) => this.pager.next(link, signal),
      pageSize: this.pager.pageSize,
      added: (count) => `${count} more shown`,
      onAdded: (from) => this.renderRoot.querySelectorAll<HTMLElement>('li')[from]?.focus(),
    });
    super.connectedCallback();
  }

  override render() {
    return this.list!.render({
      pending: () => html`<p>loading</p>`,
      error: () => html`<p>failed</p>`,
      complete: () => html`<ul>
          ${this.list!.items.map((item) => html`<li tabindex="-1">${item.id}</li>`)}
        </ul>
        ${this.list!.renderMore({ more: 'Show more', loading: 'Loading…', allShown: 'All shown.', error: () => 'Could not load more.', retry: 'Try again' })}
        ${this.list!.renderStatus()}`,
      initial: () => nothing,
    });
  }
}
customElements.define('paged-test-list', PagedTestList);

const shown = (el: PagedTestList) => [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent);
const text = (el: PagedTestList) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
const button = (el: PagedTestList, name: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);

async function listOf(pager: PagedTestList['pager']): Promise<PagedTestList> {
  const el = document.createElement('paged-test-list') as PagedTestList;
  el.pager = pager;
  const parent = await fixture<HTMLDivElement>(html`<div></div>`);
  parent.append(el);
  await until(() => el.list!.ready, 'the first page');
  await el.updateComplete;
  return el;
}

const items = (...ids: string[]) => ids.map((id) => ({ id }));

describe('PagedList: a list read a page at a time', () => {
  it('follows the next links, lists each item once (a later page repeating one), says what was added and moves focus to it', async () => {
    const pages: Record<string, ListPage<{ id: string }>> = { p2: { items: items('c', 'b', 'd'), next: 'p3' }, p3: { items: items('e') } };
    const el = await listOf({ first: async () => ({ items: items('a', 'b'), next: 'p2' }), next: async (link) => pages[link]! });
    expect(shown(el)).to.deep.equal(['a', 'b']);
    button(el, 'Show more')!.click();
    await until(() => shown(el).length === 4, 'the second page');
    expect(shown(el)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(text(el)).to.contain('2 more shown');
    await until(() => el.shadowRoot!.activeElement?.textContent === 'c', 'focus on the first new item');
    button(el, 'Show more')!.click();
    await until(() => text(el).includes('All shown.'), 'the end of the list');
    expect(shown(el)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(!!button(el, 'Show more')).to.equal(false);
  });

  it('with a page size, shows what was read ten (here two) at a time before asking the server', async () => {
    let asked = 0;
    const el = await listOf({
      first: async () => ({ items: items('a', 'b', 'c', 'd', 'e'), next: 'p2' }),
      next: async () => {
        asked++;
        return { items: items('f') };
      },
      pageSize: 2,
    });
    expect(shown(el)).to.deep.equal(['a', 'b']);
    for (const expected of [['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd', 'e']]) {
      button(el, 'Show more')!.click();
      await until(() => shown(el).length === expected.length, `${expected.length} items`);
      expect(asked).to.equal(0);
    }
    button(el, 'Show more')!.click();
    await until(() => shown(el).length === 6, 'the server page');
    expect(asked).to.equal(1);
  });

  it('a later page that fails: the list stays, a plain error with "Try again", and the retry adds the page', async () => {
    let fail = true;
    const el = await listOf({
      first: async () => ({ items: items('a'), next: 'p2' }),
      next: async () => {
        if (fail) throw new Error('network down');
        return { items: items('b') };
      },
    });
    button(el, 'Show more')!.click();
    await until(() => text(el).includes('Could not load more.'), 'the error');
    expect(shown(el)).to.deep.equal(['a']);
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain('Could not load more.');
    fail = false;
    button(el, 'Try again')!.click();
    await until(() => shown(el).length === 2, 'the retried page');
    expect(text(el)).not.to.contain('Could not load more.');
  });

  it('starting again (other arguments) aborts a later page on its way, and its items never join the new list', async () => {
    let release!: () => void;
    let aborted = false;
    const el = await listOf({
      first: async (source) => ({ items: items(`${source}1`), next: 'slow' }),
      next: (_link, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => (aborted = true));
          release = () => resolve({ items: items('stale') });
        }),
    });
    button(el, 'Show more')!.click();
    await until(() => button(el, 'Loading…'), 'the page on its way');
    el.source = 'b';
    await until(() => shown(el)[0] === 'b1', 'the new list');
    expect(aborted).to.equal(true);
    release();
    await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['b1']);
  });

  it('on the real server: Observation pages of five follow the server\'s next links to the end, each once', async () => {
    const sandbox = await Sandbox.create();
    try {
      const client: FhirClient = await sandbox.client('maria');
      const { patient } = await sandbox.token('maria');
      const all = await client.searchAll('Observation', { patient: `Patient/${patient}` }, { max: 40 });
      const toPage = (page: { resources: Observation[]; next?: string }) => ({ items: page.resources.map((o) => ({ id: o.id! })), next: page.next });
      const el = await listOf({
        first: async (_source, signal) => toPage(await client.search('Observation', { patient: `Patient/${patient}`, _count: '5' }, { signal })),
        next: async (link, signal) => toPage(await client.searchNext<Observation>(link, 'Observation', { signal })),
      });
      expect(shown(el).length).to.equal(5);
      for (let round = 0; round < 3 && button(el, 'Show more'); round++) {
        const before = shown(el).length;
        button(el, 'Show more')!.click();
        await until(() => shown(el).length > before || text(el).includes('All shown.'), 'the next page');
      }
      const ids = shown(el);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(ids).to.deep.equal(all.resources.slice(0, ids.length).map((o) => o.id));
      expect(ids.length > 5).to.equal(true);
    } finally {
      await sandbox.dispose();
    }
  });
});

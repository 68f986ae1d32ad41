/**
 * The search box of the Wilayah page: finds any desa or kecamatan by name in
 * `/wilayah/indeks.json` (fetched once, on first use). The form is hidden in
 * the HTML and shown here, so readers without JavaScript never see a box
 * that does nothing; the region list works without it.
 */
type Entry = { kode: string; nama: string; key: string };

const MAX_RESULTS = 30;
const normalise = (value: string) => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

function setUp(form: HTMLFormElement): void {
  const input = form.querySelector('input');
  const status = form.querySelector<HTMLElement>('[data-search-status]');
  const list = form.querySelector<HTMLUListElement>('[data-search-results]');
  if (!input || !status || !list) return;
  const { indexUrl = '', basePath = '/wilayah/', noResults = '', failed = '', resultsWord = '', hint = '', kecamatanWord = '' } = form.dataset;
  let entries: Promise<{ found: Entry[]; names: Map<string, string> }> | null = null;

  const load = () =>
    (entries ??= fetch(indexUrl)
      .then((response) => {
        if (!response.ok) throw new Error(`${indexUrl}: HTTP ${response.status}`);
        return response.json() as Promise<{ wilayah: [string, string][] }>;
      })
      .then(({ wilayah }) => ({
        found: wilayah.filter(([kode]) => kode.length >= 6).map(([kode, nama]) => ({ kode, nama, key: normalise(nama) })),
        names: new Map(wilayah),
      })));

  const render = async () => {
    const query = normalise(input.value);
    list.replaceChildren();
    if (query.length < 2) {
      status.textContent = hint;
      return;
    }
    const { found, names } = await load();
    const matches = found.filter((entry) => entry.key.includes(query));
    status.textContent = matches.length === 0 ? noResults : `${matches.length} ${resultsWord}`;
    for (const entry of matches.slice(0, MAX_RESULTS)) {
      const isDesa = entry.kode.length > 6;
      const kecamatan = entry.kode.slice(0, 6);
      const link = document.createElement('a');
      link.href = `${basePath}${kecamatan}/${isDesa ? `#d${entry.kode}` : ''}`;
      link.textContent = isDesa ? entry.nama : `${kecamatanWord} ${entry.nama}`;
      const context = [isDesa ? `${kecamatanWord} ${names.get(kecamatan) ?? ''}` : null, names.get(entry.kode.slice(0, 4)), names.get(entry.kode.slice(0, 2))]
        .filter(Boolean)
        .join(', ');
      const item = document.createElement('li');
      item.append(link, document.createTextNode(` — ${context}`));
      list.append(item);
    }
  };

  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());
  input.addEventListener('input', () =>
    void render().catch(() => {
      entries = null; // try again on the next keystroke
      status.textContent = failed;
    }),
  );
}

document.querySelectorAll<HTMLFormElement>('form[data-region-search]').forEach(setUp);

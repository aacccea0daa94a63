// Tables, CSV and downloads for the explorer's saved questions and the insights page.
// The rows of a result are found and flattened by the rules of `npm run query`
// (tools/src/query: find-rows.ts, flatten-rows.ts, figures.ts, format-csv.ts).
'use strict';
(() => {
  const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
  const isConnection = (value) =>
    isObject(value) && Array.isArray(value.edges) && value.edges.every((edge) => edge === null || (isObject(edge) && 'node' in edge));

  /** The rows of a result: the nodes of the first connection (breadth-first), else the first top-level list of objects, else the data. */
  function findRows(data) {
    const queue = [data];
    let firstList;
    for (let value = queue.shift(); value; value = queue.shift()) {
      if (isConnection(value)) return value.edges.map((edge) => (isObject(edge) ? edge.node : null));
      for (const child of Object.values(value)) {
        if (Array.isArray(child)) {
          if (!firstList && value === data && child.some(isObject)) firstList = child;
        } else if (isObject(child)) queue.push(child);
      }
    }
    return firstList || [data];
  }

  /** A list of figures: objects without an id, with at least one number (sectors with their placements). */
  const isFiguresList = (list) =>
    list.length > 0 &&
    list.every((item) => isObject(item) && !('id' in item) && Object.values(item).some((value) => typeof value === 'number'));

  /** One row per item of each list of figures in a row, the rest of the row repeated (lists stack, not multiply). */
  function spreadFigures(row) {
    if (!isObject(row)) return [row];
    const lists = [];
    const walk = (value, path) => {
      for (const [key, child] of Object.entries(value)) {
        if (Array.isArray(child)) {
          if (isFiguresList(child)) lists.push([...path, key]);
        } else if (isObject(child)) walk(child, [...path, key]);
      }
    };
    walk(row, []);
    if (lists.length === 0) return [row];
    const withValue = (object, path, value) => {
      const copy = { ...object };
      const [key, ...rest] = path;
      if (rest.length === 0) value === undefined ? delete copy[key] : (copy[key] = value);
      else copy[key] = withValue(copy[key], rest, value);
      return copy;
    };
    const bare = lists.reduce((without, path) => withValue(without, path, undefined), row);
    return lists.flatMap((path) => path.reduce((value, key) => value[key], row).map((item) => withValue(bare, path, item)));
  }

  const text = (value) => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));

  /** Dotted columns for objects; lists of scalars joined with "; "; lists of objects one column per leaf, items joined with "; ". */
  function flattenValue(record, key, value, separator) {
    if (value === null || value === undefined) record.set(key, null);
    else if (Array.isArray(value)) {
      if (value.length === 0) record.set(key, null);
      else if (!value.some((item) => isObject(item) || Array.isArray(item)))
        record.set(key, value.map((item) => (item == null ? '' : text(item))).join(separator));
      else {
        const items = value.map((item) => {
          const cells = new Map();
          if (item != null) flattenValue(cells, '', item, ', ');
          return cells;
        });
        const leaves = [...new Set(items.flatMap((cells) => [...cells.keys()]))];
        for (const leaf of leaves)
          record.set(leaf === '' ? key : `${key}.${leaf}`, items.map((cells) => cells.get(leaf) ?? '').join(separator));
      }
    } else if (isObject(value)) {
      for (const [field, child] of Object.entries(value)) flattenValue(record, key === '' ? field : `${key}.${field}`, child, separator);
    } else record.set(key, text(value));
  }

  /** A GraphQL result's data as { columns, rows } of text cells (null for null). */
  function tabulate(data) {
    const items = findRows(data).flatMap(spreadFigures);
    const columns = [];
    const records = items.map((item) => {
      const record = new Map();
      if (isObject(item)) flattenValue(record, '', item, '; ');
      else if (item != null) flattenValue(record, 'value', item, '; ');
      for (const column of record.keys()) if (!columns.includes(column)) columns.push(column);
      return record;
    });
    return { columns, rows: records.map((record) => columns.map((column) => record.get(column) ?? null)) };
  }

  /** RFC 4180 CSV: quoted where needed, CRLF line ends, null as an empty field. */
  function toCsv({ columns, rows }) {
    const field = (cell) =>
      cell === null || cell === undefined ? '' : /[",\r\n]/.test(String(cell)) ? `"${String(cell).replaceAll('"', '""')}"` : String(cell);
    return [columns, ...rows].map((record) => `${record.map(field).join(',')}\r\n`).join('');
  }

  /** Fills a container with an HTML table of the rows (built as nodes: nothing is parsed as HTML). */
  function renderTable(container, { columns, rows }, caption) {
    const table = document.createElement('table');
    if (caption) table.createCaption().textContent = caption;
    const head = table.createTHead().insertRow();
    for (const column of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const cell of row) tr.insertCell().textContent = cell === null || cell === undefined ? '' : String(cell);
    }
    container.replaceChildren(table);
    return table;
  }

  /** Saves a file: from a data: URL, or from text of the given type. */
  function download(fileName, content, type) {
    const href = type ? URL.createObjectURL(new Blob([content], { type })) : content;
    const link = document.createElement('a');
    link.href = href;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    if (type) setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }

  /** POSTs a query to the gateway's /graphql, with the token of the box when there is one. */
  async function runQuery(query, variables, token) {
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    const bare = (token || '').trim().replace(/^bearer\s+/i, '');
    if (bare) headers.authorization = `Bearer ${bare}`;
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return response.json();
  }

  window.nlaiTables = { tabulate, toCsv, renderTable, download, runQuery };
})();

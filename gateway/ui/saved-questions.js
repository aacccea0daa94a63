// Saved questions in the explorer: the queries of schema/operations as a menu, each with a form
// for its variables, its result as JSON or as a table (flattened as `npm run query` does), and CSV.
'use strict';
(() => {
  const { tabulate, toCsv, renderTable, download, runQuery } = window.nlaiTables;
  const menu = document.getElementById('saved-question');
  const panel = document.getElementById('saved');
  let questions = [];

  const element = (tag, properties = {}, children = []) => {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  };

  /** A variable's value from its text field: JSON where it parses (numbers, lists, objects), else the text; empty is left out. */
  function valueOf(variable, text) {
    if (text.trim() === '') return undefined;
    if (/^\[?String/.test(variable.type) || /^\[?ID/.test(variable.type)) {
      try {
        const parsed = JSON.parse(text);
        if (typeof parsed !== 'number') return parsed;
      } catch {}
      return text;
    }
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  function open(question) {
    const inputs = question.variables.map((variable) =>
      element('input', {
        name: variable.name,
        required: variable.required,
        placeholder: variable.defaultValue ? `default ${variable.defaultValue}` : variable.type,
        id: `variable-${variable.name}`,
      }),
    );
    const fields = question.variables.map((variable, index) =>
      element('label', { className: 'variable' }, [element('span', { textContent: `$${variable.name}: ${variable.type}` }), inputs[index]]),
    );
    const view = element('select', { id: 'saved-view', title: 'View' }, [
      element('option', { value: 'table', textContent: 'Table' }),
      element('option', { value: 'json', textContent: 'JSON' }),
    ]);
    const csvButton = element('button', { type: 'button', id: 'saved-csv', textContent: 'Download CSV', disabled: true });
    const status = element('span', { className: 'saved-status', id: 'saved-status' });
    const output = element('div', { className: 'saved-output', id: 'saved-output' });
    const chartLink = question.chart
      ? element('a', { href: question.chart, id: 'saved-chart', textContent: 'See its chart on the insights page', hidden: true })
      : '';
    const form = element('form', { className: 'saved-form', noValidate: false }, [
      ...fields,
      element('button', { type: 'submit', textContent: 'Run', id: 'saved-run' }),
      element('label', {}, [element('span', { textContent: 'Show as' }), view]),
      csvButton,
      chartLink,
      status,
    ]);
    panel.replaceChildren(
      element('h2', { textContent: question.name }),
      element('p', { textContent: question.description }),
      element('details', {}, [element('summary', { textContent: 'Query' }), element('pre', { textContent: question.body })]),
      form,
      output,
    );
    panel.hidden = false;
    let last = null;
    const show = () => {
      if (!last) return;
      if (view.value === 'json')
        output.replaceChildren(element('pre', { className: 'saved-json', textContent: JSON.stringify(last.result, null, 2) }));
      else if (last.table) renderTable(output, last.table, `${question.name}: ${last.table.rows.length} rows`);
      else output.replaceChildren(element('pre', { textContent: JSON.stringify(last.result.errors, null, 2) }));
    };
    view.addEventListener('change', show);
    csvButton.addEventListener(
      'click',
      () => last && last.table && download(`${question.name}.csv`, toCsv(last.table), 'text/csv;charset=utf-8'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const variables = {};
      question.variables.forEach((variable, index) => {
        const value = valueOf(variable, inputs[index].value);
        if (value !== undefined) variables[variable.name] = value;
      });
      status.textContent = 'Running…';
      const result = await runQuery(question.body, variables, document.getElementById('token').value);
      const table = result.data ? tabulate(result.data) : null;
      last = { result, table };
      csvButton.disabled = !table;
      if (chartLink) chartLink.hidden = !table;
      status.textContent = result.errors
        ? `Errors: ${result.errors.map((error) => (error.extensions && error.extensions.code) || error.message).join(', ')}`
        : `${table.rows.length} rows`;
      show();
    });
  }

  async function start() {
    questions = await (await fetch(menu.dataset.catalogue)).json();
    for (const question of questions) menu.append(element('option', { value: question.name, textContent: question.name }));
    menu.addEventListener('change', () => {
      const question = questions.find((candidate) => candidate.name === menu.value);
      if (question) open(question);
      else panel.hidden = true;
    });
  }
  start();
})();

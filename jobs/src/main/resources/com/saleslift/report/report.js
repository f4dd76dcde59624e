// report.html's behaviour: sections, sortable and filterable tables, CSV downloads, the drill-down
// from a chart's bar (or a sales-lift row) to the accounts behind it, tooltips, and all of that state
// in the address's # part. Everything it shows comes from the JSON in #saleslift-data.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('saleslift-data').textContent);
  var FILTERS = [['segment', 'Segment'], ['size_band', 'Size band'], ['channel', 'Channel'], ['product_id', 'Product'],
    ['month', 'Month']];
  var MONTH_COLUMNS = ['month', 'cohort_month'];
  var state = { section: null, filters: {}, sort: {}, drill: null };

  function columnsFor(filter) {
    return filter === 'month' ? MONTH_COLUMNS : [filter];
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    state.section = params.get('section');
    state.filters = {};
    state.sort = {};
    FILTERS.forEach(function (f) {
      if (params.get(f[0])) { state.filters[f[0]] = params.get(f[0]); }
    });
    params.forEach(function (value, key) {
      if (key.indexOf('sort.') === 0) { state.sort[key.substring(5)] = value; }
    });
    state.drill = params.get('drill');
  }

  function writeHash() {
    var params = new URLSearchParams();
    if (state.section) { params.set('section', state.section); }
    FILTERS.forEach(function (f) {
      if (state.filters[f[0]]) { params.set(f[0], state.filters[f[0]]); }
    });
    Object.keys(state.sort).sort().forEach(function (t) { params.set('sort.' + t, state.sort[t]); });
    if (state.drill) { params.set('drill', state.drill); }
    history.replaceState(null, '', '#' + params.toString());
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function passesFilters(table, row) {
    return Object.keys(state.filters).every(function (f) {
      var present = columnsFor(f).filter(function (c) { return table.columns.indexOf(c) >= 0; });
      return present.length === 0 || present.some(function (c) {
        var cell = row[table.columns.indexOf(c)];
        return f === 'month' ? cell.indexOf(state.filters[f]) === 0 : cell === state.filters[f];
      });
    });
  }

  function compare(a, b) {
    var x = parseFloat(a);
    var y = parseFloat(b);
    if (a !== '' && b !== '' && !isNaN(x) && !isNaN(y) && isFinite(a) && isFinite(b)) { return x - y; }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function sortedRows(name, table, rows) {
    var sort = state.sort[name];
    if (!sort) { return rows; }
    var parts = sort.split(':');
    var at = table.columns.indexOf(parts[0]);
    if (at < 0) { return rows; }
    var sign = parts[1] === 'desc' ? -1 : 1;
    return rows.map(function (r, i) { return [r, i]; }).sort(function (p, q) {
      return sign * compare(p[0][at], q[0][at]) || p[1] - q[1];
    }).map(function (p) { return p[0]; });
  }

  function csv(columns, rows) {
    function quote(v) { return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
    return [columns].concat(rows).map(function (r) { return r.map(quote).join(','); }).join('\n') + '\n';
  }

  // A table of rows; `keep` narrows them further (a drill-down); a click on a row calls `onRow`.
  function renderTable(host, name, keep, onRow) {
    var table = data.tables[name];
    host.textContent = '';
    if (!table) { return; }
    var rows = table.rows.filter(function (r) { return passesFilters(table, r) && (!keep || keep(r)); });
    rows = sortedRows(name, table, rows);
    var bar = el('div', { 'class': 'table-bar' });
    bar.appendChild(el('span', { 'class': 'count' }, rows.length + ' of ' + table.rows.length + ' rows of ' + name));
    var download = el('a', { href: '#', 'class': 'download', download: name + '.csv' }, 'Download these rows as CSV');
    download.addEventListener('click', function () {
      download.setAttribute('href', 'data:text/csv;charset=utf-8,' + encodeURIComponent(csv(table.columns, rows)));
    });
    bar.appendChild(download);
    host.appendChild(bar);
    var scroll = el('div', { 'class': 'scroll' });
    var t = el('table', { 'class': 'data', 'data-name': name });
    var head = el('tr');
    table.columns.forEach(function (c) {
      var sort = state.sort[name] || '';
      var mark = sort === c + ':asc' ? ' \u25b2' : sort === c + ':desc' ? ' \u25bc' : '';
      var th = el('th', { 'data-column': c }, c + mark);
      th.addEventListener('click', function () {
        state.sort[name] = sort === c + ':asc' ? c + ':desc' : c + ':asc';
        writeHash();
        render();
      });
      head.appendChild(th);
    });
    t.appendChild(el('thead')).appendChild(head);
    var body = t.appendChild(el('tbody'));
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (v) { tr.appendChild(el('td', {}, v)); });
      if (onRow) {
        tr.classList.add('drillable');
        tr.addEventListener('click', function () { onRow(r); });
      }
      body.appendChild(tr);
    });
    scroll.appendChild(t);
    host.appendChild(scroll);
  }

  // The accounts behind a drill: a chart's bar ("chart:<file>:<key>") or a sales-lift row ("lift:<segment>|<band>").
  function drillOf(spec) {
    if (!spec) { return null; }
    var m = /^chart:([^:]+):(.*)$/.exec(spec);
    if (m) {
      var d = (data.drills[m[1]] || {})[m[2]];
      return d ? { title: m[2], list: d.list, equal: d.equal, signal: d.signal, anchor: m[1] } : null;
    }
    m = /^lift:([^|]+)\|(.*)$/.exec(spec);
    if (m && data.tables.accounts_to_engage) {
      var equal = { segment: m[1] };
      if (m[2] !== 'ALL') { equal.size_band = m[2]; }
      return { title: 'Sales lift ' + m[1] + ' ' + m[2], list: 'accounts_to_engage', equal: equal, signal: null, anchor: null };
    }
    return null;
  }

  function drillRows(d) {
    var table = data.tables[d.list];
    return function (r) {
      return Object.keys(d.equal).every(function (c) { return r[table.columns.indexOf(c)] === d.equal[c]; })
        && (!d.signal || r[table.columns.indexOf('signals')].split(';').indexOf(d.signal) >= 0);
    };
  }

  function renderDrill() {
    var panel = document.getElementById('drill');
    var d = drillOf(state.drill);
    if (!d || !data.tables[d.list]) {
      panel.hidden = true;
      return;
    }
    var figure = d.anchor && document.querySelector('figure[data-chart="' + d.anchor + '"]');
    var host = figure || document.querySelector('figure[data-chart="where-sales-adds-value"]') || document.querySelector('main');
    host.appendChild(panel);
    panel.hidden = false;
    document.getElementById('drill-title').textContent = 'Accounts behind "' + d.title + '" (' + d.list + ')';
    renderTable(document.getElementById('drill-table'), d.list, drillRows(d));
  }

  function renderFilters() {
    var host = document.getElementById('filters');
    host.querySelectorAll('label, button').forEach(function (n) { n.remove(); });
    FILTERS.forEach(function (f) {
      var values = {};
      Object.keys(data.tables).forEach(function (name) {
        var t = data.tables[name];
        columnsFor(f[0]).forEach(function (c) {
          var at = t.columns.indexOf(c);
          if (at >= 0) {
            t.rows.forEach(function (r) {
              var v = f[0] === 'month' ? r[at].substring(0, 7) : r[at];
              if (v !== '' && (f[0] !== 'month' || /^\d{4}-\d{2}$/.test(v))) { values[v] = true; }
            });
          }
        });
      });
      var label = el('label', {}, f[1] + ' ');
      var select = el('select', { 'data-filter': f[0] });
      select.appendChild(el('option', { value: '' }, 'all'));
      Object.keys(values).sort().forEach(function (v) { select.appendChild(el('option', { value: v }, v)); });
      select.value = state.filters[f[0]] || '';
      select.addEventListener('change', function () {
        if (select.value) { state.filters[f[0]] = select.value; } else { delete state.filters[f[0]]; }
        writeHash();
        render();
      });
      label.appendChild(select);
      host.appendChild(label);
    });
    var clear = el('button', { type: 'button', id: 'clear-filters' }, 'Clear filters');
    clear.addEventListener('click', function () {
      state.filters = {};
      writeHash();
      render();
    });
    host.appendChild(clear);
  }

  function render() {
    var sections = document.querySelectorAll('main > section');
    var open = state.section && document.getElementById(state.section) ? state.section : sections[0].id;
    sections.forEach(function (s) { s.hidden = s.id !== open; });
    document.querySelectorAll('#sections a').forEach(function (a) {
      a.classList.toggle('open', a.getAttribute('data-section') === open);
    });
    renderFilters();
    document.querySelectorAll('div.table[data-table]').forEach(function (host) {
      var name = host.getAttribute('data-table');
      renderTable(host, name, null, name === 'sales_lift' ? function (r) {
        var t = data.tables.sales_lift;
        state.drill = 'lift:' + r[t.columns.indexOf('segment')] + '|' + r[t.columns.indexOf('size_band')];
        writeHash();
        renderDrill();
      } : null);
    });
    renderDrill();
  }

  function refOf(node) {
    while (node && node.getAttribute) {
      var ref = node.getAttribute('jfreesvg:ref');
      if (ref && ref.charAt(0) === '{') { return JSON.parse(ref); }
      node = node.parentNode;
    }
    return null;
  }

  function keyOf(chart, ref) {
    var drills = data.drills[chart] || {};
    var both = ref.rowKey + '|' + ref.columnKey;
    return drills[both] ? both : ref.columnKey;
  }

  document.querySelectorAll('figure[data-chart] svg').forEach(function (svg) {
    var chart = svg.closest('figure').getAttribute('data-chart');
    var tip = document.getElementById('tooltip');
    svg.addEventListener('click', function (e) {
      var ref = refOf(e.target);
      if (!ref) { return; }
      var key = keyOf(chart, ref);
      if ((data.drills[chart] || {})[key]) {
        state.drill = 'chart:' + chart + ':' + key;
        writeHash();
        renderDrill();
      }
    });
    svg.addEventListener('mousemove', function (e) {
      var ref = refOf(e.target);
      var text = ref && ((data.tooltips[chart] || {})[ref.rowKey + '|' + ref.columnKey]);
      if (!text) {
        tip.hidden = true;
        return;
      }
      var d = drillOf('chart:' + chart + ':' + keyOf(chart, ref));
      tip.textContent = text + (d ? ' \u00b7 n = ' + data.tables[d.list].rows.filter(drillRows(d)).length + ' accounts' : '');
      tip.style.left = (e.pageX + 12) + 'px';
      tip.style.top = (e.pageY + 12) + 'px';
      tip.hidden = false;
    });
    svg.addEventListener('mouseleave', function () { tip.hidden = true; });
  });

  document.querySelectorAll('#sections a').forEach(function (a) {
    a.addEventListener('click', function (e) {
      e.preventDefault();
      state.section = a.getAttribute('data-section');
      writeHash();
      render();
    });
  });
  document.getElementById('drill-close').addEventListener('click', function () {
    state.drill = null;
    writeHash();
    renderDrill();
  });
  window.addEventListener('hashchange', function () {
    readHash();
    render();
  });
  readHash();
  render();
  document.body.setAttribute('data-ready', String(Math.round(performance.now())));
})();

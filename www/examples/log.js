// Shared by the example host pages: appends one line to an event log list. Everything the player sends
// is data, shown with textContent only (never innerHTML), as the player itself treats author content.
export function logLine(list, name, detail) {
  const item = document.createElement('li');
  item.dataset.name = name;
  let text = '';
  try {
    text = JSON.stringify(detail) ?? '';
  } catch {
    text = String(detail);
  }
  item.textContent = `${name} ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
  list.append(item);
  list.scrollTop = list.scrollHeight;
}

// Live session countdown: the page prints "còn 2 giờ 15 phút"; this file ticks it every second.
// Without JavaScript the server's text stays, which is enough.
(() => {
  const clocks = document.querySelectorAll("time[data-countdown]");
  if (!clocks.length) return;

  const render = (clock, now) => {
    const target = Date.parse(clock.getAttribute("datetime"));
    if (Number.isNaN(target)) return false;
    let left = Math.floor((target - now) / 1000);
    if (left <= 0) {
      clock.textContent = clock.dataset.done || "";
      return false;
    }
    const [dayUnit, hourUnit, minuteUnit, secondUnit] = (clock.dataset.units || "d|h|m|s").split("|");
    const days = Math.floor(left / 86400);
    left %= 86400;
    const hours = Math.floor(left / 3600);
    left %= 3600;
    const minutes = Math.floor(left / 60);
    const seconds = left % 60;
    const parts = [];
    if (days) parts.push(`${days} ${dayUnit}`);
    if (days || hours) parts.push(`${hours} ${hourUnit}`);
    parts.push(`${minutes} ${minuteUnit}`);
    if (!days) parts.push(`${seconds} ${secondUnit}`);
    const template = clock.dataset.template || "%s";
    clock.textContent = template.replace("%s", parts.join(" "));
    return true;
  };

  const tick = () => {
    const now = Date.now();
    let running = false;
    clocks.forEach((clock) => { running = render(clock, now) || running; });
    if (!running) window.clearInterval(timer);
  };
  const timer = window.setInterval(tick, 1000);
  tick();
})();

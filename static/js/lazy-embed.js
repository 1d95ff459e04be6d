// Lazy video players (templates/livestreams/_lazy_embed.html): the page shows a cover and a play link to
// the video on YouTube or Facebook. A tap puts the platform's iframe in place of the cover, so nothing is
// asked of the platform before the buyer wants the video. Without JavaScript the link opens the platform.
(() => {
  if (window.lazyEmbedReady) return; // the script tag may come once per player
  window.lazyEmbedReady = true;

  const play = (holder) => {
    const frame = document.createElement("iframe");
    frame.src = holder.dataset.src;
    frame.title = holder.dataset.title || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.className = "lazy-embed-frame";
    holder.replaceChildren(frame);
    holder.classList.add("lazy-embed-playing");
    frame.focus();
  };

  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-lazy-embed] .lazy-embed-link");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    play(link.closest("[data-lazy-embed]"));
  });
})();

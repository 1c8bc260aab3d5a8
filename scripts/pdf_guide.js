// The whole guideline as one printable document, assembled in the browser by
// scripts/pdf.py from the built pages of one language (run with
// page.evaluate on the language's home page, which serves as the shell: its
// stylesheets, fonts and language).
//
// Each page's article becomes a <section> starting on a new sheet. Every id
// gets the page's prefix, so anchors stay unique, and every link to a page
// in the document becomes a link inside it (Chromium keeps them as PDF
// links). Links to pages left out go to the published site when its address
// is known, else they become plain text. A cover and a table of contents
// come first. Returns the outline: each section's id and title, with its
// second-level headings (scripts/pdf.py writes the PDF's bookmarks from it).
async ({ pages, siteUrl, contentsTitle }) => {
  const here = new URL(window.location.href);
  const keyOf = (url) => url.pathname.replace(/index\.html$/, "");
  const prefixes = new Map();
  pages.forEach((page, i) => prefixes.set(keyOf(new URL(page.url, here)), `p${i}`));

  const release = document.querySelector(".cop-release");
  const siteName = document.querySelector(".md-header__topic .md-ellipsis").textContent.trim();
  const article = document.querySelector("article.md-content__inner");

  function rewrite(root, pageUrl, prefix) {
    // Not for paper: permalinks, edit buttons, the "last updated" and cite boxes, scripts.
    root.querySelectorAll(".headerlink, .md-content__button, .md-source-file, .cop-cite, script, .cop-download")
      .forEach((node) => node.remove());
    root.querySelectorAll("details").forEach((node) => node.setAttribute("open", ""));
    root.querySelectorAll("[id]").forEach((node) => { node.id = `${prefix}-${node.id}`; });
    root.querySelectorAll("[aria-labelledby], [aria-describedby], label[for]").forEach((node) => {
      for (const name of ["aria-labelledby", "aria-describedby", "for"]) {
        const value = node.getAttribute(name);
        if (value) node.setAttribute(name, value.split(/\s+/).map((id) => `${prefix}-${id}`).join(" "));
      }
    });
    root.querySelectorAll("img[src]").forEach((img) => { img.src = new URL(img.getAttribute("src"), pageUrl).href; });
    root.querySelectorAll("a[href]").forEach((link) => {
      const raw = link.getAttribute("href");
      if (/^(mailto|tel):/.test(raw)) return;
      const target = new URL(raw, pageUrl);
      if (target.origin !== here.origin) return; // another site: kept as it is
      const inside = prefixes.get(keyOf(target));
      if (inside) {
        const anchor = target.hash ? `${inside}-${decodeURIComponent(target.hash.slice(1))}` : inside;
        link.setAttribute("href", `#${anchor}`);
      } else if (siteUrl) {
        link.setAttribute("href", new URL(target.pathname.slice(1) + target.hash, siteUrl).href);
      } else {
        link.removeAttribute("href");
      }
    });
  }

  const sections = [];
  for (const [i, page] of pages.entries()) {
    const pageUrl = new URL(page.url, here);
    const response = await fetch(pageUrl);
    if (!response.ok) throw new Error(`${pageUrl}: ${response.status}`);
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const content = doc.querySelector("article.md-content__inner");
    const section = document.createElement("section");
    section.className = "cop-pdf-page";
    section.id = `p${i}`;
    section.append(...content.childNodes);
    rewrite(section, pageUrl, `p${i}`);
    const title = section.querySelector("h1");
    sections.push({ section, title: title ? title.textContent.trim() : page.url });
  }

  const cover = document.createElement("section");
  cover.className = "cop-pdf-cover";
  const heading = document.createElement("h1");
  heading.textContent = siteName;
  cover.append(heading);
  for (const [css, text] of [["cop-pdf-identity", release.querySelector(".cop-release__identity").textContent],
                             ["cop-pdf-release", release.querySelector(".cop-release__version").textContent],
                             ["cop-pdf-address", siteUrl || ""]]) {
    if (!text.trim()) continue;
    const p = document.createElement("p");
    p.className = css;
    p.textContent = text.trim();
    cover.append(p);
  }

  const contents = document.createElement("nav");
  contents.className = "cop-pdf-contents";
  const contentsHeading = document.createElement("h2");
  contentsHeading.textContent = contentsTitle;
  const list = document.createElement("ol");
  for (const { section, title } of sections) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#${section.id}`;
    const name = document.createElement("span");
    name.textContent = title;
    // The page number, filled in by scripts/pdf.py after a first print.
    const number = document.createElement("span");
    number.className = "cop-pdf-contents__page";
    number.dataset.for = section.id;
    link.append(name, number);
    item.append(link);
    list.append(item);
  }
  contents.append(contentsHeading, list);

  article.replaceChildren(cover, contents, ...sections.map((s) => s.section));
  document.body.classList.add("cop-pdf");
  document.title = siteName;
  await document.fonts.ready;
  const text = (node) => node.textContent.replace(/\s+/g, " ").trim();
  return [{ id: "", title: siteName, children: [] }, ...sections.map(({ section, title }) => ({
    id: section.id,
    title,
    children: [...section.querySelectorAll("h2[id]")].map((h) => ({ id: h.id, title: text(h) })),
  }))];
}

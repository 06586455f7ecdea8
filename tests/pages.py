"""Real reports as the other files analysts receive: a government web page, a printed PDF.

Used by the format tests and by ``bench/readers.py``. The page wraps a
report's lines in what a government site puts round an article (a site
banner, a navigation bar, breadcrumbs, a side list of links, an information
line, a share bar and a footer), written after the layout common to
Chinese government portals (``当前位置：首页 > 政务公开 > …``,
``主办：… 版权所有 … ICP备…号 网站标识码…``). The navigation names real
bodies (国务院, 国家发展改革委 …) so that a reader that keeps it shows up as
entities no report line holds.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from pathlib import Path

__all__ = ["government_page", "NAVIGATION_NAMES", "print_pdf", "CHROMIUM"]

CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

#: Names of bodies in the page's navigation and footer only (not in the report).
NAVIGATION_NAMES = ("国务院", "国家发展改革委", "省人民政府办公厅", "市大数据中心", "市政务服务和数据管理局")

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_X市人民政府门户网站</title>
<style>
body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; margin: 0; }}
.header, .footer, .crumbs, .sidebar {{ font-size: 12px; }}
.content p {{ text-indent: 2em; line-height: 1.8; font-size: 16px; margin: 0 0 .4em; }}
@page {{ size: A4; margin: 25mm 20mm;
  @top-center {{ content: "X市人民政府门户网站"; font-size: 9pt; }}
  @bottom-center {{ content: "- " counter(page) " -"; font-size: 9pt; }} }}
@media print {{ .header, .crumbs, .sidebar, .share, .footer, .info {{ display: none; }} }}
</style></head>
<body>
<div class="header"><div class="logo">X市人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjx/">走进X市</a></li></ul>
<form class="search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/gzbg/">政府工作报告</a></div>
<div class="sidebar"><h3>相关链接</h3><ul>
<li><a href="http://www.gov.cn/">国务院</a></li><li><a href="https://www.ndrc.gov.cn/">国家发展改革委</a></li>
<li><a href="/bgt/">省人民政府办公厅</a></li></ul></div>
<div class="article">
<h1>{title}</h1>
<div class="info">来源：X市人民政府办公室　发布时间：2023-01-24 10:00　字号：[大 中 小]　打印本页　关闭窗口</div>
<div class="content">
{paragraphs}
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
</div>
<div class="footer"><p>主办：X市人民政府办公室　承办：市大数据中心　技术支持：市政务服务和数据管理局</p>
<p>版权所有：X市人民政府　京ICP备05060933号　京公网安备11010502030143号　网站标识码1100000088</p>
<p>联系我们　网站地图　隐私声明</p></div>
</body></html>
"""


def government_page(text: str, style: str = "") -> str:
    """A report's text as a government site's article page.

    The report's first non-empty line is the page's title (in ``<title>``,
    after which the site's name, and in ``<h1>``); every other non-empty
    line is one ``<p>``.

    Args:
        text: the report as read from its ``.txt`` file.
        style: CSS added after the page's own (another paper size, justified lines …).

    Returns:
        The page's HTML (UTF-8 declared).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, body = lines[0], lines[1:]
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in body)
    page = _PAGE.format(title=html.escape(title), paragraphs=paragraphs)
    return page.replace("</style>", f"{style}\n</style>") if style else page


def print_pdf(page: Path, pdf: Path, timeout: float = 120) -> None:
    """Print an HTML file to PDF with headless Chromium, as a browser's "Save as PDF" does.

    The page's print style hides the site's frame and adds a running header
    (the site's name) and a page number (``- 3 -``) on every page, as
    printed reports carry. Needs ``chromium`` and ``fonts-noto-cjk``.

    Raises:
        RuntimeError: Chromium failed or wrote no PDF.
    """
    pdf.unlink(missing_ok=True)
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.resolve().as_uri()],
        capture_output=True, text=True, timeout=timeout)
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium printed no PDF of {page}: {done.stderr[-500:]}")

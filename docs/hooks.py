"""An MkDocs hook (``hooks:`` in ``mkdocs.yml``): the docstrings' examples shown as Python
console sessions.

The docstrings are plain text (``docstring_style: null``), so an example, the indented
block after ``Example::``, becomes a code block without a language, which the site would
show in one colour.  A block that starts with ``>>>`` is a doctest: this hook colours it
as Pygments' Python-console lexer ("pycon") does, the prompts, the code and what it
prints each in their own style.  Every other code block stays as it was.
"""
import html
import re

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonConsoleLexer

# A code block as pymdownx.highlight writes one without a language, whose text starts
# with the prompt ">>> " (escaped: &gt;&gt;&gt;).
_DOCTEST_BLOCK = re.compile(r'<div class="highlight"><pre><span></span><code>'
                            r'(&gt;&gt;&gt; .*?)</code></pre></div>', re.S)
_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


def _as_pycon(match):
    return highlight(html.unescape(match.group(1)), PythonConsoleLexer(), _FORMATTER)


def on_page_content(html_text, **kwargs):
    return _DOCTEST_BLOCK.sub(_as_pycon, html_text)

"""Presenting: the period's story as a deck of slides, one finding a slide.

``deck`` builds the slides (titles that state the finding, one chart or a few large numbers,
presenter notes, the live page of each) from the same functions the pages use; ``document``
writes the deck as one HTML file of 16:9 slides; ``pdf`` prints a document to PDF in Chromium.
"""

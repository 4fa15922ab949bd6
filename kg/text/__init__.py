"""Text stages: OCR normalisation with an offset map (normalize.py), articles and sentences (segment.py)."""

"""Parity cases for matmul of batched (3-D and more) operands: the graph it records and its gradients."""

MATMUL = []

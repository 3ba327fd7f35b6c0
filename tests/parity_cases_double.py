"""Parity cases for create_graph=True: the graph backward builds (its node names) and the values of
second derivatives, compared with real PyTorch like every case in parity_cases.py."""

DOUBLE_BACKWARD = []

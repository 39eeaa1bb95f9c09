module pediledger.local/ccaas-builder

go 1.26

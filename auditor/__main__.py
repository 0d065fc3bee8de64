from auditor.launch import run

run()
